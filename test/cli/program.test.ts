import { describe, expect, it } from "vitest";
import type { CommandModule } from "../../src/cli/program.js";
import { VERSION } from "../../src/cli/version.js";
import { EnvironmentError } from "../../src/errors/index.js";
import { runCliIn } from "../helpers/run-cli.js";

function commandThatThrows(error: unknown): CommandModule {
  return {
    register(program, wrap) {
      program.command("boom").action(
        wrap(async () => {
          throw error;
        }),
      );
    },
  };
}

describe("runCli", () => {
  it("prints usage with every command under --help and exits 0", async () => {
    const run = await runCliIn(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: ztlab /);
    for (const name of ["init", "plan", "schema"])
      expect(run.stdout).toMatch(new RegExp(`\\n  ${name}\\b`));
  });

  it("prints the package version under --version", async () => {
    const run = await runCliIn(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${VERSION}\n`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ["an unknown command", ["deploy"], /unknown command 'deploy'/],
    ["an unknown flag", ["plan", "--fast"], /unknown option '--fast'/],
    ["a flag without its value", ["--config"], /argument missing/],
    ["no command", [], /Usage: ztlab/],
  ])("exits 2 on %s", async (_name, argv, message) => {
    const run = await runCliIn(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("prints a stack and asks for a report when a command fails unexpectedly (exit 1)", async () => {
    const commands = [commandThatThrows(new TypeError("cannot read properties of undefined"))];
    const run = await runCliIn(["boom"], { commands });
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe("internal error: cannot read properties of undefined");
    expect(lines[1]).toBe("TypeError: cannot read properties of undefined");
    expect(lines[2]).toMatch(/^\s+at /);
    expect(run.stderr).toContain(`please report it`);
    expect(run.stderr).toContain(`ztlab ${VERSION}, node ${process.version}`);
  });

  it("prints a ZtlabError without a stack and exits with its code", async () => {
    const error = new EnvironmentError("terraform not found on PATH", {
      code: "engine-missing",
      hint: "install terraform or tofu",
    });
    const run = await runCliIn(["boom"], { commands: [commandThatThrows(error)] });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: terraform not found on PATH\n  hint: install terraform or tofu\n",
    );
  });

  it("adds the stack of a ZtlabError under --debug", async () => {
    const error = new EnvironmentError("no credentials", { code: "no-credentials" });
    const run = await runCliIn(["--debug", "boom"], { commands: [commandThatThrows(error)] });
    expect(run.stderr).toMatch(/^error: no credentials\nEnvironmentError: no credentials\n\s+at /);
  });
});

describe("runCli usage errors under --json", () => {
  it.each([
    [["--json", "nosuchcmd"], "unknown command 'nosuchcmd'"],
    [["--json", "plan", "--bogus"], "unknown option '--bogus'"],
    [["--json"], "no command given"],
  ])("prints an error document for %j and exits 2", async (argv, message) => {
    const run = await runCliIn(argv);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as {
      error: { code: string; kind: string; message: string };
    };
    expect(doc.error.code).toBe("usage");
    expect(doc.error.kind).toBe("input");
    expect(doc.error.message).toContain(message);
  });
});

describe("runCli output guard", () => {
  it("masks credential values a command writes to stdout or stderr", async () => {
    const echo: CommandModule = {
      register(program, wrap) {
        program.command("echo").action(
          wrap(async (ctx) => {
            ctx.out(`token ${ctx.env.ZEROTIER_CENTRAL_TOKEN ?? ""}`);
            ctx.warn(`subscription ${ctx.env.ARM_SUBSCRIPTION_ID ?? ""}`);
          }),
        );
      },
    };
    const env = {
      PATH: "/usr/bin:/bin",
      ZEROTIER_CENTRAL_TOKEN: "zt-guard-secret-1",
      ARM_SUBSCRIPTION_ID: "sub-guard-secret-2",
    };
    const run = await runCliIn(["echo"], { commands: [echo], env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("token ***\n");
    expect(run.stderr).toBe("warning: subscription ***\n");
  });
});
