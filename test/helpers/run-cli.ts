// Runs the ztlab CLI in-process in a temp working directory with files laid out first.
import { mkdtemp, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";
import type { CommandModule } from "../../src/cli/program.js";
import { runZtlab } from "./cli-run.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The working directory the command ran in. */
  cwd: string;
}

export interface RunCliOptions {
  /** Working directory; default a fresh temp dir removed when the test ends. */
  cwd?: string;
  /** Files to create under cwd first: relative path to content. */
  files?: Record<string, string>;
  /** Environment of the run; default only PATH, so no real credential leaks in. */
  env?: NodeJS.ProcessEnv;
  /** Commands offered instead of ztlab's own. */
  commands?: readonly CommandModule[];
  signal?: AbortSignal;
}

export async function runCliIn(
  argv: readonly string[],
  { cwd, files = {}, env, commands, signal }: RunCliOptions = {},
): Promise<CliResult> {
  const dir = cwd ?? (await makeTempDir());
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const run = await runZtlab(argv, {
    cwd: dir,
    env: env ?? { PATH: process.env.PATH },
    signal,
    commands,
  });
  return { code: run.code, stdout: run.stdout, stderr: run.stderr, cwd: dir };
}

/** A temp directory that is removed when the current test finishes. */
export async function makeTempDir(prefix = "ztlab-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Names of the entries of a directory, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
