import { spawnSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parse } from "yaml";
import {
  REFERENCE_LAB,
  STARTER_LAB_YAML,
  validateLab,
  writeStarterLab,
} from "../../src/config/index.js";
import { InputError } from "../../src/errors/index.js";
import { makeTempDir } from "../helpers/run-cli.js";

describe("writeStarterLab", () => {
  it("writes the commented starter lab and returns its path", async () => {
    const dir = await makeTempDir();
    const path = await writeStarterLab({ cwd: dir, path: "ztlab.yaml" });
    expect(path).toBe(join(dir, "ztlab.yaml"));
    expect(await readFile(path, "utf8")).toBe(STARTER_LAB_YAML);
  });

  it("refuses to overwrite an existing file and leaves it as it was", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "ztlab.yaml"), "mine\n");
    await expect(writeStarterLab({ cwd: dir, path: "ztlab.yaml" })).rejects.toSatisfy(
      (error) => error instanceof InputError && error.code === "lab-file-exists",
    );
    expect(await readFile(join(dir, "ztlab.yaml"), "utf8")).toBe("mine\n");
  });
});

// A tiny tmpfs filled to the brim: the one portable way to get ENOSPC (needs root and mount).
async function fullFileSystem(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const dir = await makeTempDir();
  if (spawnSync("mount", ["-t", "tmpfs", "-o", "size=8k", "tmpfs", dir]).status !== 0) {
    return undefined;
  }
  onTestFinished(() => {
    spawnSync("umount", [dir]);
  });
  await writeFile(join(dir, "fill"), Buffer.alloc(64 * 1024)).catch(() => undefined);
  return dir;
}

describe("writeStarterLab on a full disk", () => {
  it("leaves no partial lab file and no temp file, exit 1", async (context) => {
    const dir = await fullFileSystem();
    if (dir === undefined) {
      context.skip("needs root and a tmpfs mount to fill a file system");
      return;
    }
    await expect(writeStarterLab({ cwd: dir, path: "ztlab.yaml" })).rejects.toMatchObject({
      code: "lab-file-unwritable",
      exitCode: 1,
      message: "ztlab.yaml: cannot write the lab file (ENOSPC)",
    });
    expect(await readdir(dir)).toEqual(["fill"]);
  });
});

describe("STARTER_LAB_YAML", () => {
  it("holds the reference lab, with comments", () => {
    expect(validateLab(parse(STARTER_LAB_YAML), {})).toEqual(validateLab(REFERENCE_LAB, {}));
    expect(
      STARTER_LAB_YAML.split("\n").filter((line) => line.includes("#")).length,
    ).toBeGreaterThan(10);
  });
});
