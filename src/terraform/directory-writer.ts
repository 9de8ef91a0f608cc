import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { EnvironmentError, InputError, InternalError } from "../errors/index.js";

/** The file listing the files ztlab wrote into a directory; nothing else there is ours. */
export const MANIFEST_NAME = ".ztlab-manifest.json";

export type FileChange = "created" | "updated" | "unchanged" | "removed";

export interface WrittenFile {
  name: string;
  change: FileChange;
}

export interface WriteDirectoryOptions {
  dir: string;
  /** File name (no directories) to its full text. */
  files: Readonly<Record<string, string>>;
}

export interface WriteDirectoryReport {
  dir: string;
  /** Every file of this write and every stale one removed, sorted by name. */
  files: WrittenFile[];
}

interface Manifest {
  generator: "ztlab";
  files: string[];
}

/**
 * Writes a generated directory so that nothing is half-written: files are prepared in a temporary
 * directory beside the target and renamed into place. Only files listed in the manifest are ever
 * replaced or removed, so .terraform/, state and the lock file survive; a non-empty directory
 * without a manifest is refused.
 */
export async function writeTerraformDirectory({
  dir,
  files,
}: WriteDirectoryOptions): Promise<WriteDirectoryReport> {
  const names = Object.keys(files).sort();
  for (const name of names) checkFileName(name);

  const existing = await readExisting(dir);
  const changes = await planChanges({ dir, files, names, existing });
  if (existing === undefined) await writeFresh({ dir, files, names });
  else if (changes.some((file) => file.change !== "unchanged")) {
    await updateInPlace({ dir, files, changes, owned: existing.files });
  }
  return { dir, files: changes };
}

function checkFileName(name: string): void {
  if (name === "" || name === MANIFEST_NAME || basename(name) !== name || name.startsWith(".")) {
    throw new InternalError(`not a plain file name for a generated file: ${JSON.stringify(name)}`, {
      code: "internal",
    });
  }
}

// The manifest of an existing directory, undefined when the directory is absent or empty.
async function readExisting(dir: string): Promise<Manifest | undefined> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    if (error.code === "ENOTDIR") {
      throw new InputError(`${dir}: exists and is not a directory`, {
        code: "output-not-directory",
        hint: "choose another directory with --out",
      });
    }
    throw error;
  });
  if (entries === undefined || entries.length === 0) return undefined;
  if (!entries.includes(MANIFEST_NAME)) {
    throw new InputError(`${dir}: not empty and not written by ztlab (no ${MANIFEST_NAME})`, {
      code: "output-not-ours",
      hint: "choose an empty or new directory with --out; ztlab only replaces files it wrote",
    });
  }
  return parseManifest(dir, await readFile(join(dir, MANIFEST_NAME), "utf8"));
}

function parseManifest(dir: string, text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    value = error;
  }
  const files = (value as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || !files.every((name) => typeof name === "string")) {
    throw new InputError(`${join(dir, MANIFEST_NAME)}: not a ztlab manifest`, {
      code: "output-manifest-invalid",
      hint: "remove the files ztlab wrote and the manifest, then run again",
    });
  }
  return { generator: "ztlab", files: files as string[] };
}

async function planChanges({
  dir,
  files,
  names,
  existing,
}: WriteDirectoryOptions & { names: string[]; existing: Manifest | undefined }) {
  const owned = new Set(existing?.files ?? []);
  const changes: WrittenFile[] = [];
  for (const name of names) {
    const current = await readFile(join(dir, name), "utf8").catch(() => undefined);
    if (current !== undefined && !owned.has(name)) {
      throw new InputError(`${join(dir, name)}: exists and was not written by ztlab`, {
        code: "output-file-not-ours",
        hint: "move it away; ztlab only replaces files listed in its manifest",
      });
    }
    const change =
      current === undefined ? "created" : current === files[name] ? "unchanged" : "updated";
    changes.push({ name, change });
  }
  for (const name of owned) {
    if (!(name in files)) changes.push({ name, change: "removed" });
  }
  return changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function writeFresh({ dir, files, names }: WriteDirectoryOptions & { names: string[] }) {
  await withStaging(dir, async (staging) => {
    for (const name of names) await writeFile(join(staging, name), files[name] ?? "");
    await writeFile(join(staging, MANIFEST_NAME), manifestText(names));
    // The target may exist and be empty; rmdir refuses anything else.
    await rmdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, dir);
  });
}

async function updateInPlace({
  dir,
  files,
  changes,
  owned,
}: WriteDirectoryOptions & { changes: WrittenFile[]; owned: string[] }) {
  const kept = changes.filter((file) => file.change !== "removed").map((file) => file.name);
  await withStaging(dir, async (staging) => {
    for (const file of changes) {
      if (file.change === "created" || file.change === "updated") {
        await writeFile(join(staging, file.name), files[file.name] ?? "");
      }
    }
    // The manifest lists old and new files until the swap is done, so an interrupted run leaves
    // every file it touched owned and the next run can finish the job.
    await writeFile(join(staging, MANIFEST_NAME), manifestText([...owned, ...kept]));
    await rename(join(staging, MANIFEST_NAME), join(dir, MANIFEST_NAME));
    for (const file of changes) {
      if (file.change === "created" || file.change === "updated") {
        await rename(join(staging, file.name), join(dir, file.name));
      }
      if (file.change === "removed") await rm(join(dir, file.name), { force: true });
    }
    await writeFile(join(staging, MANIFEST_NAME), manifestText(kept));
    await rename(join(staging, MANIFEST_NAME), join(dir, MANIFEST_NAME));
  });
}

// A fresh directory beside the target (same file system, so renames are atomic), always removed.
async function withStaging(dir: string, work: (staging: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true }).catch((error: unknown) => {
    throw new EnvironmentError(`${parent}: cannot create the directory`, {
      code: "output-unwritable",
      cause: error,
    });
  });
  const staging = join(parent, `.${basename(dir)}.ztlab-${randomBytes(4).toString("hex")}`);
  await mkdir(staging);
  try {
    await work(staging);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function manifestText(names: readonly string[]): string {
  const manifest: Manifest = { generator: "ztlab", files: [...new Set(names)].sort() };
  return JSON.stringify(manifest, null, 2) + "\n";
}
