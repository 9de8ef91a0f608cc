import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { activeEngineRuns, runEngine } from "../../src/terraform/engine-runner.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function scriptEngine(body: string) {
  dir = await mkdtemp(join(tmpdir(), "ztlab-runner-"));
  const path = join(dir, "terraform");
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return { kind: "terraform" as const, path, version: "1.11.4", supportsJsonInit: true };
}

describe("runEngine", () => {
  it("counts itself as running until the engine exits", async () => {
    const engine = await scriptEngine("sleep 0.3");
    const running = runEngine({
      engine,
      cwd: dir!,
      args: ["plan"],
      env: { PATH: "/usr/bin:/bin" },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(activeEngineRuns()).toBe(1);
    await running;
    expect(activeEngineRuns()).toBe(0);
  });

  it("masks the values of named credential variables in stderr lines and events", async () => {
    const engine = await scriptEngine('echo "tenancy $OCI_TENANCY_OCID denied" >&2; exit 1');
    const lines: string[] = [];
    const result = await runEngine({
      engine,
      cwd: dir!,
      args: ["init"],
      env: { PATH: "/usr/bin:/bin", OCI_TENANCY_OCID: "ocid1.tenancy.oc1..abc" },
      secretNames: ["OCI_TENANCY_OCID"],
      onEvent: (event) => {
        if (event.type === "stderr") lines.push(event.line);
      },
    });
    expect(result.exitCode).toBe(1);
    expect(lines).toEqual(["tenancy *** denied"]);
    expect(result.stderrTail).toEqual(["tenancy *** denied"]);
  });
});
