// Runs pieces of a rendered boot script under bash, with stand-in commands first on PATH.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { sliceLines } from "./reference-boot.js";

export interface ScriptRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ScriptSandbox {
  dir: string;
  /** Adds an executable stand-in for a command; it sees the same arguments the real one would. */
  stub(name: string, body: string): Promise<void>;
  run(script: string): Promise<ScriptRun>;
  remove(): Promise<void>;
}

export async function createSandbox(): Promise<ScriptSandbox> {
  const dir = await mkdtemp(join(tmpdir(), "ztlab-boot-run-"));
  const bin = join(dir, "bin");
  await execa("mkdir", ["-p", bin]);
  return {
    dir,
    async stub(name, body) {
      const path = join(bin, name);
      await writeFile(path, `#!/bin/bash\n${body}\n`);
      await chmod(path, 0o755);
    },
    async run(script) {
      const env = { PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}` };
      const result = await execa("bash", ["-c", script], { env, extendEnv: false, reject: false });
      return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    async remove() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The script's helper functions and strict mode, without its node facts or lock. */
export function scriptHelpers(text: string): string {
  return [
    "set -Eeuo pipefail",
    'ZTLAB_STEP="under test"',
    sliceLines(text, "fail() {", "}"),
    sliceLines(text, "put_file() {", "}"),
    sliceLines(text, "sixplane_prefix80() {", "}"),
  ].join("\n");
}

/** Lines from the first starting with `start` through the first after it starting with `end`. */
export function scriptSection(text: string, start: string, end: string): string {
  const lines = text.split("\n");
  const from = lines.findIndex((line) => line.startsWith(start));
  const to = lines.findIndex((line, i) => i > from && line.startsWith(end));
  if (from < 0 || to < 0) throw new Error(`no section from "${start}" to "${end}"`);
  return `${lines.slice(from, to + 1).join("\n")}\n`;
}
