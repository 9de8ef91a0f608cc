import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EnvironmentError, InputError } from "../../src/errors/index.js";
import {
  compareVersions,
  findOnPath,
  locateEngine,
  parseEngineKind,
  parseVersionJson,
} from "../../src/terraform/engine-locate.js";
import { removeWorkdir, TERRAFORM_PATH, testEnv } from "../helpers/engine-workdir.js";

// A stand-in engine that prints a chosen `-version -json` answer.
async function fakeEngine(dir: string, name: string, version: string): Promise<void> {
  const path = join(dir, name);
  const answer = JSON.stringify({ terraform_version: version, platform: "linux_amd64" });
  await writeFile(path, `#!/bin/sh\necho '${answer}'\n`);
  await chmod(path, 0o755);
}

describe("locateEngine", () => {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ztlab-engine-"));
  });
  afterEach(async () => removeWorkdir(dir));

  it("says neither engine is on PATH and how to install each", async () => {
    const error = await locateEngine({ choice: undefined, pathEnv: dir, env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error).toMatchObject({ code: "engine-not-found", exitCode: 1 });
    expect((error as EnvironmentError).message).toBe("terraform or tofu not found on PATH");
    expect((error as EnvironmentError).details.join("\n")).toMatch(/Terraform.*\n.*OpenTofu/);
  });

  it("prefers terraform when both are installed and uses tofu when it is alone", async () => {
    await fakeEngine(dir!, "tofu", "1.8.2");
    const alone = await locateEngine({ choice: undefined, pathEnv: dir, env: testEnv() });
    expect(alone).toMatchObject({ kind: "tofu", version: "1.8.2", supportsJsonInit: false });
    await fakeEngine(dir!, "terraform", "1.9.0");
    const both = await locateEngine({ choice: undefined, pathEnv: dir, env: testEnv() });
    expect(both).toMatchObject({ kind: "terraform", version: "1.9.0", supportsJsonInit: true });
    const chosen = await locateEngine({ choice: "tofu", pathEnv: dir, env: testEnv() });
    expect(chosen.kind).toBe("tofu");
  });

  it("refuses an engine older than the minimum and names both versions", async () => {
    await fakeEngine(dir!, "terraform", "1.4.7");
    const error = await locateEngine({ choice: "terraform", pathEnv: dir, env: testEnv() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: "engine-too-old",
      message: "terraform 1.4.7 is too old: ztlab needs 1.5.0 or newer",
    });
  });

  it.skipIf(TERRAFORM_PATH === undefined)(
    "finds the installed terraform and reads its version",
    async () => {
      const engine = await locateEngine({
        choice: "terraform",
        pathEnv: process.env.PATH,
        env: testEnv(),
      });
      expect(engine.path).toBe(TERRAFORM_PATH);
      expect(engine.version).toMatch(/^\d+\.\d+\.\d+/);
    },
  );
});

describe("parseEngineKind", () => {
  it("rejects an unknown engine name with exit code 2 and the choices", () => {
    expect(() => parseEngineKind("pulumi", "ZTLAB_ENGINE")).toThrow(InputError);
    expect(() => parseEngineKind("pulumi", "ZTLAB_ENGINE")).toThrow(
      'ZTLAB_ENGINE: unknown engine "pulumi"',
    );
    expect(parseEngineKind("tofu", "--engine")).toBe("tofu");
  });
});

describe("parseVersionJson", () => {
  it.each([
    ['{"terraform_version":"1.11.4","platform":"linux_amd64"}', "1.11.4"],
    ['{"terraform_version":"v1.6.0-beta1"}', "1.6.0-beta1"],
    ["Terraform v1.11.4", undefined],
    ["{}", undefined],
  ])("reads %s as %s", (text, version) => {
    expect(parseVersionJson(text)).toBe(version);
  });
});

describe("compareVersions", () => {
  it.each([
    ["1.10.0", "1.9.0", 1],
    ["1.5.0", "1.5", 0],
    ["1.4.7", "1.5.0", -1],
    ["1.6.0-rc1", "1.6.0", 0],
  ])("compares %s with %s as %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe("findOnPath", () => {
  it("skips empty entries and directories without the binary", () => {
    expect(findOnPath("surely-not-a-binary-name", ":/nonexistent:")).toBeUndefined();
  });
});
