import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STARTER_LAB_YAML } from "../../src/config/index.js";
import { listDir, makeTempDir, runCliIn } from "../helpers/run-cli.js";

describe("ztlab init", () => {
  it("writes ztlab.yaml, which plans exactly like the built-in lab", async () => {
    const cwd = await makeTempDir();
    const builtin = await runCliIn(["plan", "--json"], { cwd });
    const init = await runCliIn(["init"], { cwd });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`wrote ${join(cwd, "ztlab.yaml")}`);
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toBe(STARTER_LAB_YAML);

    const fromFile = await runCliIn(["plan", "--json"], { cwd });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stderr).toBe("");
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(builtin.stdout));
  });

  it("refuses to overwrite an existing lab file and exits 2", async () => {
    const run = await runCliIn(["init"], { files: { "ztlab.yaml": "# mine\n" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: ztlab\.yaml already exists; not overwriting it\n/);
    expect(await readFile(join(run.cwd, "ztlab.yaml"), "utf8")).toBe("# mine\n");
  });

  it("writes where --output says", async () => {
    const run = await runCliIn(["init", "--output", "lab.yml"]);
    expect(run.code).toBe(0);
    expect(await listDir(run.cwd)).toEqual(["lab.yml"]);
    const plan = await runCliIn(["--config", "lab.yml", "plan"], { cwd: run.cwd });
    expect(plan.code).toBe(0);
  });
});
