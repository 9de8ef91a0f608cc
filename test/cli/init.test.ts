import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STARTER_LAB_YAML } from "../../src/config/index.js";
import { canMakeImmutable, whileImmutable } from "../helpers/immutable.js";
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

  it("writes JSON for .json and a defineLab module for .ts, both planning like the YAML", async () => {
    const cwd = await makeTempDir();
    const builtin = await runCliIn(["plan", "--json"], { cwd });
    for (const name of ["lab.json", "lab.ts"]) {
      const init = await runCliIn(["init", "-o", name], { cwd });
      expect(init.code).toBe(0);
      const plan = await runCliIn(["--config", name, "plan", "--json"], { cwd });
      expect(plan.stderr).toBe("");
      expect(JSON.parse(plan.stdout)).toEqual(JSON.parse(builtin.stdout));
    }
    expect(JSON.parse(await readFile(join(cwd, "lab.json"), "utf8"))).toHaveProperty("network");
    expect(await readFile(join(cwd, "lab.ts"), "utf8")).toContain(
      'import { defineLab } from "ztlab";',
    );
  });

  it("refuses other extensions with exit 2, writing nothing", async () => {
    const run = await runCliIn(["init", "-o", "lab.txt"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: lab\.txt: unknown lab file type "\.txt"\n/);
    expect(await listDir(run.cwd)).toEqual([]);
  });

  it("refuses a missing directory with exit 2 naming it, creating nothing", async () => {
    const run = await runCliIn(["init", "-o", "nodir/sub/x.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: nodir\/sub: no such directory\n/);
    expect(await listDir(run.cwd)).toEqual([]);
  });

  it("refuses to add ztlab.yaml beside another lab file, exit 2", async () => {
    const run = await runCliIn(["init"], { files: { "ztlab.json": "{}" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: a lab file is already here: ztlab\.json\n/);
    expect(await listDir(run.cwd)).toEqual(["ztlab.json"]);
  });

  it("prints nothing under --quiet", async () => {
    const run = await runCliIn(["--quiet", "init"]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toBe("");
    expect(await listDir(run.cwd)).toEqual(["ztlab.yaml"]);
  });

  it.skipIf(!canMakeImmutable)(
    "names the file and exits 2 in a directory it cannot write, leaving nothing (needs chattr)",
    async () => {
      const cwd = await makeTempDir();
      const run = await whileImmutable(cwd, () => runCliIn(["init"], { cwd }));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: ztlab\.yaml: cannot write the lab file \(EPERM\)\n/);
      expect(await readdir(cwd)).toEqual([]);
    },
  );
});
