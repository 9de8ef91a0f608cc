import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { GlobalOptions, LogLevel } from "../../src/cli/cli-context.js";
import {
  EXIT_BAD_INPUT,
  EXIT_FAILED,
  formatZtlabError,
  reportError,
} from "../../src/cli/report-error.js";
import { VERSION } from "../../src/cli/version.js";
import {
  CheckError,
  EngineError,
  EnvironmentError,
  InputError,
  InternalError,
  ValidationError,
} from "../../src/errors/index.js";

class Captured extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function report(error: unknown, options: GlobalOptions = {}, level: LogLevel = "info") {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = reportError(error, { stdout, stderr, options, level, cwd: "/home/me/lab" });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("formatZtlabError", () => {
  it.each([
    [
      "no hint and no column",
      { path: "network.route", message: "not a CIDR", line: 4 },
      "error: network.route: not a CIDR\n  at ztlab.yaml:4:1\n",
    ],
    [
      "an empty path (the whole file)",
      { path: "", message: "the file is empty", hint: "run ztlab init" },
      "error: the file is empty\n  in ztlab.yaml\n  hint: run ztlab init\n",
    ],
  ])("formats a single problem with %s", (_name, problem, expected) => {
    const error = new ValidationError([problem], { source: "/home/me/lab/ztlab.yaml" });
    expect(formatZtlabError(error, { cwd: "/home/me/lab" })).toBe(expected);
  });

  it("lists several problems without positions under the count, hints under each", () => {
    const error = new ValidationError([
      { path: "nodes.do.size", message: "unknown size", hint: "try s-1vcpu-1gb" },
      { path: "", message: "two dns nodes" },
      { path: "users.0.username", message: "empty" },
    ]);
    expect(formatZtlabError(error)).toBe(
      [
        "error: 3 problems in the input",
        "  nodes.do.size: unknown size",
        "    hint: try s-1vcpu-1gb",
        "  two dns nodes",
        "  users.0.username: empty",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["below the working directory", "/home/me/lab/sub/ztlab.yaml", "sub/ztlab.yaml"],
    ["beside the working directory", "/home/me/other/ztlab.yaml", "/home/me/other/ztlab.yaml"],
    ["equal to the working directory", "/home/me/lab", "/home/me/lab"],
    ["relative already", "labs/ztlab.yaml", "labs/ztlab.yaml"],
  ])("shows a source %s as %s", (_name, source, shown) => {
    const error = new ValidationError([{ path: "a", message: "bad", line: 1, column: 2 }], {
      source,
    });
    expect(formatZtlabError(error, { cwd: "/home/me/lab" })).toBe(
      `error: a: bad\n  at ${shown}:1:2\n`,
    );
  });

  it("falls back to the message of a validation error that holds no problems", () => {
    expect(formatZtlabError(new ValidationError([]))).toBe("error: invalid input\n");
  });

  it("prints only the first line of an error without details or hint", () => {
    const error = new EngineError("terraform apply failed with exit code 1", {
      code: "engine-failed",
    });
    expect(formatZtlabError(error)).toBe("error: terraform apply failed with exit code 1\n");
  });
});

describe("reportError", () => {
  it.each([
    ["an input error", new InputError("bad flag", { code: "bad-flag" }), EXIT_BAD_INPUT],
    ["an environment error", new EnvironmentError("no ssh", { code: "ssh-missing" }), 1],
    ["an engine error", new EngineError("apply failed", { code: "engine-failed" }), 1],
    ["a check failure", new CheckError("2 checks failed", { code: "checks-failed" }), 1],
  ])("prints %s without a stack and returns its exit code", (_name, error, exit) => {
    const run = report(error);
    expect(run.code).toBe(exit);
    expect(run.stderr).toBe(`error: ${error.message}\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("writes every problem with its field path to stdout under --json and exits 2", () => {
    const error = new ValidationError(
      [
        { path: "network.route", message: "not a CIDR", line: 3, column: 10 },
        { path: "nodes.do.size", message: "unknown size", hint: "try s-1vcpu-1gb" },
      ],
      { source: "/home/me/lab/ztlab.yaml" },
    );
    const run = report(error, { json: true });
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as {
      error: { code: string; kind: string; problems: { path: string }[]; hint?: string };
    };
    expect(doc.error.code).toBe("invalid-lab");
    expect(doc.error.kind).toBe("input");
    expect(doc.error.problems.map((p) => p.path)).toEqual(["network.route", "nodes.do.size"]);
    expect(doc.error).not.toHaveProperty("hint");
    expect(run.stderr).toContain("  ztlab.yaml:3:10: network.route: not a CIDR\n");
  });

  it("shows the cause chain of a ZtlabError under --debug", () => {
    const cause = new Error("EACCES: permission denied, open 'ztlab.yaml'");
    const error = new InputError("cannot read ztlab.yaml", { code: "lab-unreadable", cause });
    const run = report(error, {}, "debug");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: cannot read ztlab\.yaml\nInputError: cannot read/);
    expect(run.stderr).toContain("\ncaused by: Error: EACCES: permission denied");
  });

  it("prints an InternalError with its stack and a request for a report (exit 1)", () => {
    const error = new InternalError("address plan ran out of /24s", { code: "plan-overflow" });
    const run = report(error);
    expect(run.code).toBe(EXIT_FAILED);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe("internal error: address plan ran out of /24s");
    expect(lines[1]).toBe("InternalError: address plan ran out of /24s");
    expect(lines[2]).toMatch(/^\s+at /);
    expect(run.stderr).toContain(`ztlab ${VERSION}, node ${process.version}\n`);
  });

  it.each([
    ["a string", "boom", "boom"],
    ["a plain object", { reason: "x" }, "[object Object]"],
    ["null", null, "null"],
  ])(
    "reports a thrown %s as an internal error with code internal under --json",
    (_n, thrown, text) => {
      const run = report(thrown, { json: true });
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({ error: { code: "internal", message: text } });
      expect(run.stderr.split("\n")[0]).toBe(`internal error: ${text}`);
      expect(run.stderr).toContain("please report it");
    },
  );

  it("follows the causes of an unknown error down to the first", () => {
    const root = new RangeError("offset out of range");
    const run = report(new Error("render failed", { cause: root }));
    expect(run.stderr).toMatch(/\ncaused by: RangeError: offset out of range\n/);
  });
});
