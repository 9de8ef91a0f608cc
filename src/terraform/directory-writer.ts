import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import {
  access,
  lstat,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { EnvironmentError, InputError, isZtlabError, type ZtlabError } from "../errors/index.js";
import {
  MANIFEST_NAME,
  checkFileName,
  manifestText,
  parseManifest,
  type Manifest,
} from "./directory-manifest.js";

export type FileChange = "created" | "updated" | "unchanged" | "removed";

export interface WrittenFile {
  name: string;
  change: FileChange;
}

export interface WriteDirectoryOptions {
  dir: string;
  /** File name (`<name>.tf.json`, no directories) to its full text. */
  files: Readonly<Record<string, string>>;
  /** The caller's flag that chooses the directory (e.g. "--out"), named in hints. */
  flag?: string;
  /** Checked before anything is written: an interrupt writes nothing. */
  signal?: AbortSignal;
}

export interface WriteDirectoryReport {
  dir: string;
  /** Every file of this write and every stale one removed, sorted by name. */
  files: WrittenFile[];
}

// Staging directories inside the target; one left by a killed run does not make it "not empty".
const STAGING_PREFIX = ".ztlab-staging-";
// Failures of the machine rather than of the chosen path.
const MACHINE_FAULTS = new Set(["ENOSPC", "EDQUOT", "EIO", "EMFILE", "ENFILE", "ENOMEM"]);

interface Prepared {
  /** Absent: the directory does not exist yet and is created whole. */
  existing: Manifest | undefined;
  changes: WrittenFile[];
}

/**
 * Writes a generated directory so that nothing is half-written: files are prepared in a staging
 * directory (beside a new target, inside an existing one) and renamed into place one by one.
 * Only files listed in the manifest are ever replaced or removed, so .terraform/, state and the
 * lock file survive; a non-empty directory without a manifest is refused. An existing directory
 * is kept (its owner, mode and anyone's working directory in it stay).
 */
export async function writeTerraformDirectory(
  options: WriteDirectoryOptions,
): Promise<WriteDirectoryReport> {
  const { dir, files } = options;
  const names = Object.keys(files).sort();
  const { existing, changes } = await prepare(options, names);
  options.signal?.throwIfAborted();
  await guard(options, async () => {
    if (existing === undefined) await writeFresh({ dir, files, names });
    else if (changes.some((file) => file.change !== "unchanged")) {
      await updateInPlace({ dir, files, changes, owned: existing.files });
    }
  });
  return { dir, files: changes };
}

/**
 * Every check writeTerraformDirectory makes before writing, with nothing written: the report it
 * would give, or the error it would raise. Lets a caller find out before changing anything else.
 */
export async function checkTerraformDirectory(
  options: WriteDirectoryOptions,
): Promise<WriteDirectoryReport> {
  const names = Object.keys(options.files).sort();
  const { existing, changes } = await prepare(options, names);
  await guard(options, async () => {
    const target = existing === undefined ? await nearestExisting(options.dir) : options.dir;
    if (!(await stat(target)).isDirectory()) {
      throw new InputError(`${target}: exists and is not a directory`, {
        code: "output-not-directory",
        hint: `choose another directory${withFlag(options.flag)}`,
      });
    }
    await access(target, constants.W_OK);
  });
  return { dir: options.dir, files: changes };
}

async function prepare(options: WriteDirectoryOptions, names: string[]): Promise<Prepared> {
  for (const name of names) checkFileName(name);
  let existing: Manifest | undefined;
  let changes: WrittenFile[] = [];
  await guard(options, async () => {
    existing = await readExisting(options);
    changes = await planChanges({ ...options, names, existing });
  });
  return { existing, changes };
}

// The manifest of an existing directory (no files for an empty one); undefined when it is absent.
async function readExisting({ dir, flag }: WriteDirectoryOptions): Promise<Manifest | undefined> {
  const entries = await readdir(dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    if (error.code === "ENOTDIR") {
      // A file further up the path: nothing of the target exists, it just cannot be created.
      if ((await lstat(dir).catch(() => undefined)) === undefined) throw error;
      throw new InputError(`${dir}: exists and is not a directory`, {
        code: "output-not-directory",
        hint: `choose another directory${withFlag(flag)}`,
      });
    }
    throw error;
  });
  if (entries === undefined) return undefined;
  const ours = entries.filter((name) => !name.startsWith(STAGING_PREFIX));
  if (ours.length === 0) return { generator: "ztlab", files: [] };
  if (!ours.includes(MANIFEST_NAME)) {
    throw new InputError(`${dir}: not empty and not written by ztlab (no ${MANIFEST_NAME})`, {
      code: "output-not-ours",
      hint: `choose an empty or new directory${withFlag(flag)}; ztlab only replaces files it wrote`,
    });
  }
  return parseManifest(dir, await readFile(join(dir, MANIFEST_NAME), "utf8"));
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
    const current = await currentText(join(dir, name));
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
    if (name in files) continue;
    await currentText(join(dir, name));
    changes.push({ name, change: "removed" });
  }
  return changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// A file's text, undefined when absent; anything but a file (or a link to one) there is refused.
async function currentText(path: string): Promise<string | undefined> {
  const stats = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (stats === undefined) return undefined;
  if (stats.isDirectory() || !(stats.isFile() || stats.isSymbolicLink())) {
    throw new InputError(`${path}: exists and is not a file`, {
      code: "output-file-not-ours",
      hint: "move it away; ztlab writes only plain files there",
    });
  }
  return readFile(path, "utf8").catch(() => "");
}

async function writeFresh({ dir, files, names }: WriteDirectoryOptions & { names: string[] }) {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${basename(dir)}.ztlab-${randomBytes(4).toString("hex")}`);
  await withStaging(staging, async () => {
    for (const name of names) await writeFile(join(staging, name), files[name] ?? "");
    await writeFile(join(staging, MANIFEST_NAME), manifestText(names));
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
  const staging = join(dir, `${STAGING_PREFIX}${randomBytes(4).toString("hex")}`);
  await withStaging(staging, async () => {
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

// The staging directory is on the target's file system (renames are atomic) and always removed.
async function withStaging(staging: string, work: () => Promise<void>): Promise<void> {
  await mkdir(staging);
  try {
    await work();
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

// File-system failures become errors naming the directory; ztlab's own errors pass through.
async function guard(
  { dir, flag, signal }: WriteDirectoryOptions,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isZtlabError(error) || signal?.aborted === true) throw error;
    throw unwritable(dir, error, flag);
  }
}

function unwritable(dir: string, error: unknown, flag: string | undefined): ZtlabError {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown";
  const detail = error instanceof Error ? error.message : String(error);
  const options = { code: "output-unwritable", cause: error, details: [detail] };
  if (MACHINE_FAULTS.has(code)) {
    return new EnvironmentError(`${dir}: cannot write the directory (${code})`, {
      ...options,
      hint: "free space or resources on that file system, then run again",
    });
  }
  return new InputError(`${dir}: cannot write the directory (${code})`, {
    ...options,
    hint: `choose a directory you can write${withFlag(flag)}`,
  });
}

async function nearestExisting(path: string): Promise<string> {
  let current = dirname(path);
  for (;;) {
    const found = await lstat(current).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    if (found || dirname(current) === current) return current;
    current = dirname(current);
  }
}

function withFlag(flag: string | undefined): string {
  return flag === undefined ? "" : ` with ${flag}`;
}
