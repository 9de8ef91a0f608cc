import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import {
  MANIFEST_NAME,
  checkTerraformDirectory,
  writeTerraformDirectory,
} from "../../src/terraform/index.js";
import { canMakeImmutable, whileImmutable } from "../helpers/immutable.js";

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "ztlab-writer-"));
  dir = join(root, "out");
});

afterEach(async () => {
  await chmod(root, 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;

describe("writeTerraformDirectory", () => {
  it("creates a new directory with the files and a manifest of them", async () => {
    const report = await writeTerraformDirectory({
      dir,
      files: { "b.tf.json": "B\n", "a.tf.json": "A\n" },
    });
    expect(report.files).toEqual([
      { name: "a.tf.json", change: "created" },
      { name: "b.tf.json", change: "created" },
    ]);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "a.tf.json", "b.tf.json"]);
    expect(JSON.parse(await readFile(join(dir, MANIFEST_NAME), "utf8"))).toEqual({
      generator: "ztlab",
      files: ["a.tf.json", "b.tf.json"],
    });
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("writes into an existing empty directory", async () => {
    await mkdir(dir);
    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    expect(await readFile(join(dir, "a.tf.json"), "utf8")).toBe("A\n");
  });

  it("keeps an existing empty directory itself: same inode, same mode, no staging left", async () => {
    await mkdir(dir, { mode: 0o750 });
    await chmod(dir, 0o750);
    const before = await stat(dir);
    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    const after = await stat(dir);
    expect(after.ino).toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o750);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "a.tf.json"]);
    expect(await readdir(root)).toEqual(["out"]);
  });

  it.each([
    ["a path outside the directory", "../victim.txt"],
    ["an absolute path", "/tmp/victim.tf.json"],
    ["a subdirectory path", "sub/a.tf.json"],
    ["an empty name", ""],
    ["the directory itself", "."],
    ["the parent", ".."],
    ["a name synth never writes", "victim.txt"],
  ])("refuses a manifest listing %s and touches nothing", async (_, entry) => {
    await writeFile(join(root, "victim.txt"), "keep me");
    await mkdir(join(dir, "sub.tf.json"), { recursive: true });
    await writeFile(join(dir, "b.tf.json"), "B\n");
    const manifest = JSON.stringify({ generator: "ztlab", files: ["b.tf.json", entry] });
    await writeFile(join(dir, MANIFEST_NAME), manifest);

    const write = writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    await expect(write).rejects.toBeInstanceOf(InputError);
    await expect(write).rejects.toMatchObject({ code: "output-manifest-invalid", exitCode: 2 });
    expect(await readFile(join(root, "victim.txt"), "utf8")).toBe("keep me");
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "b.tf.json", "sub.tf.json"]);
    expect(await readFile(join(dir, MANIFEST_NAME), "utf8")).toBe(manifest);
  });

  it("refuses a manifest entry that is a directory there and touches nothing", async () => {
    await mkdir(join(dir, "sub.tf.json"), { recursive: true });
    const manifest = JSON.stringify({ generator: "ztlab", files: ["sub.tf.json"] });
    await writeFile(join(dir, MANIFEST_NAME), manifest);
    const write = writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    await expect(write).rejects.toMatchObject({ code: "output-file-not-ours", exitCode: 2 });
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "sub.tf.json"]);
  });

  it("names the directory and exits 2 when its parent cannot be created", async () => {
    await writeFile(join(root, "file"), "x");
    const target = join(root, "file", "sub", "out");
    const write = writeTerraformDirectory({ dir: target, files: { "a.tf.json": "A\n" } });
    await expect(write).rejects.toBeInstanceOf(InputError);
    await expect(write).rejects.toMatchObject({
      code: "output-unwritable",
      message: `${target}: cannot write the directory (ENOTDIR)`,
    });
  });

  it.skipIf(!canMakeImmutable)(
    "names the directory and exits 2 under an immutable parent (needs chattr)",
    async () => {
      await whileImmutable(root, async () => {
        const files = { "a.tf.json": "A\n" };
        const write = writeTerraformDirectory({ dir, files, flag: "--out" });
        await expect(write).rejects.toMatchObject({
          code: "output-unwritable",
          exitCode: 2,
          message: `${dir}: cannot write the directory (EPERM)`,
          hint: "choose a directory you can write with --out",
        });
        await expect(checkTerraformDirectory({ dir, files })).rejects.toMatchObject({
          code: "output-unwritable",
        });
      });
      expect(await readdir(root)).toEqual([]);
    },
  );

  it("writes nothing when interrupted before writing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("interrupted"));
    const write = writeTerraformDirectory({
      dir,
      files: { "a.tf.json": "A\n" },
      signal: controller.signal,
    });
    await expect(write).rejects.toThrow("interrupted");
    expect(await readdir(root)).toEqual([]);
  });

  it("checks without writing: the report it would give, or the error it would raise", async () => {
    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    const report = await checkTerraformDirectory({
      dir,
      files: { "a.tf.json": "A2\n", "b.tf.json": "B\n" },
    });
    expect(report.files).toEqual([
      { name: "a.tf.json", change: "updated" },
      { name: "b.tf.json", change: "created" },
    ]);
    expect(await readFile(join(dir, "a.tf.json"), "utf8")).toBe("A\n");
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "a.tf.json"]);

    const other = join(root, "other");
    await mkdir(other);
    await writeFile(join(other, "main.tf"), "# mine");
    const check = checkTerraformDirectory({ dir: other, files: {}, flag: "--dir" });
    await expect(check).rejects.toMatchObject({
      code: "output-not-ours",
      hint: "choose an empty or new directory with --dir; ztlab only replaces files it wrote",
    });
    const fresh = await checkTerraformDirectory({ dir: join(root, "new", "tf"), files: {} });
    expect(fresh.files).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(["other", "out"]);
  });

  it("replaces only its own files on a rerun and keeps state, lock and .terraform/", async () => {
    await writeTerraformDirectory({
      dir,
      files: { "a.tf.json": "A\n", "old.tf.json": "O\n", "c.tf.json": "C\n" },
    });
    await mkdir(join(dir, ".terraform", "providers"), { recursive: true });
    await writeFile(join(dir, "terraform.tfstate"), "{state}");
    await writeFile(join(dir, ".terraform.lock.hcl"), "# lock");
    await writeFile(join(dir, "mine.tf"), "# hand-written");

    const report = await writeTerraformDirectory({
      dir,
      files: { "a.tf.json": "A2\n", "c.tf.json": "C\n", "new.tf.json": "N\n" },
    });
    expect(report.files).toEqual([
      { name: "a.tf.json", change: "updated" },
      { name: "c.tf.json", change: "unchanged" },
      { name: "new.tf.json", change: "created" },
      { name: "old.tf.json", change: "removed" },
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      ".terraform",
      ".terraform.lock.hcl",
      MANIFEST_NAME,
      "a.tf.json",
      "c.tf.json",
      "mine.tf",
      "new.tf.json",
      "terraform.tfstate",
    ]);
    expect(await readFile(join(dir, "a.tf.json"), "utf8")).toBe("A2\n");
    expect(await readFile(join(dir, "terraform.tfstate"), "utf8")).toBe("{state}");
    expect(await readdir(join(dir, ".terraform"))).toEqual(["providers"]);
    expect((await readdir(root)).sort()).toEqual(["out"]);
    expect(JSON.parse(await readFile(join(dir, MANIFEST_NAME), "utf8")).files).toEqual([
      "a.tf.json",
      "c.tf.json",
      "new.tf.json",
    ]);
  });

  it("refuses a non-empty directory without a manifest and leaves it untouched", async () => {
    await mkdir(dir);
    await writeFile(join(dir, "main.tf"), "# someone else's");
    const write = writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    await expect(write).rejects.toBeInstanceOf(InputError);
    await expect(write).rejects.toMatchObject({ code: "output-not-ours", exitCode: 2 });
    expect(await readdir(dir)).toEqual(["main.tf"]);
    expect(await readdir(root)).toEqual(["out"]);
  });

  it("refuses to overwrite a file it did not write, even in its own directory", async () => {
    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    await writeFile(join(dir, "b.tf.json"), "hand-written");
    const write = writeTerraformDirectory({
      dir,
      files: { "a.tf.json": "A2\n", "b.tf.json": "B\n" },
    });
    await expect(write).rejects.toMatchObject({ code: "output-file-not-ours" });
    expect(await readFile(join(dir, "a.tf.json"), "utf8")).toBe("A\n");
    expect(await readFile(join(dir, "b.tf.json"), "utf8")).toBe("hand-written");
  });

  it("refuses a path that is a file", async () => {
    await writeFile(dir, "x");
    await expect(
      writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } }),
    ).rejects.toMatchObject({
      code: "output-not-directory",
    });
  });

  it("rejects a manifest that is not its own", async () => {
    await mkdir(dir);
    await writeFile(join(dir, MANIFEST_NAME), "[1, 2]");
    await expect(
      writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } }),
    ).rejects.toMatchObject({
      code: "output-manifest-invalid",
    });
  });

  it("touches nothing when every file is unchanged", async () => {
    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    await chmod(dir, 0o555);
    const report = await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } });
    expect(report.files).toEqual([{ name: "a.tf.json", change: "unchanged" }]);
  });

  // Root ignores directory permissions, so the failure cannot be provoked that way as root.
  it.skipIf(isRoot)(
    "writes nothing when the target cannot be created (needs a non-root user)",
    async () => {
      await chmod(root, 0o555);
      await expect(
        writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n" } }),
      ).rejects.toThrow();
      await chmod(root, 0o755);
      expect(await readdir(root)).toEqual([]);
    },
  );

  it("writes nothing and leaves no staging directory when a file fails midway", async () => {
    // A name over the file system's 255-byte limit fails after the files sorted before it.
    const files = { "a.tf.json": "A\n", [`${"x".repeat(300)}.tf.json`]: "X\n" };
    await expect(writeTerraformDirectory({ dir, files })).rejects.toThrow(/ENAMETOOLONG/);
    expect(await readdir(root)).toEqual([]);

    await writeTerraformDirectory({ dir, files: { "a.tf.json": "A\n", "b.tf.json": "B\n" } });
    const again = writeTerraformDirectory({ dir, files: { ...files, "a.tf.json": "A2\n" } });
    await expect(again).rejects.toThrow(/ENAMETOOLONG/);
    expect(await readdir(root)).toEqual(["out"]);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_NAME, "a.tf.json", "b.tf.json"]);
    expect(await readFile(join(dir, "a.tf.json"), "utf8")).toBe("A\n");
  });

  it("rejects file names with directories in them", async () => {
    await expect(writeTerraformDirectory({ dir, files: { "sub/a.tf.json": "A" } })).rejects.toThrow(
      /not a plain file name/,
    );
    expect(await readdir(root)).toEqual([]);
  });
});
