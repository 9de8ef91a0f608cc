import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findOnPath } from "../../src/terraform/engine-locate.js";
import type { Engine } from "../../src/terraform/engine-locate.js";

const FIXTURES = new URL("../fixtures/terraform/", import.meta.url).pathname;

/** The real terraform on PATH, or undefined (tests that need it skip). */
export const TERRAFORM_PATH = findOnPath("terraform", process.env.PATH);

/** Engine settings for tests: the real binary, a clean environment without CLI config noise. */
export function testEngine(): Engine {
  if (TERRAFORM_PATH === undefined) throw new Error("terraform is not installed");
  const version = JSON.parse(
    execFileSync(TERRAFORM_PATH, ["-version", "-json"], { encoding: "utf8", env: testEnv() }),
  ) as { terraform_version: string };
  return {
    kind: "terraform",
    path: TERRAFORM_PATH,
    version: version.terraform_version,
    supportsJsonInit: true,
  };
}

/** PATH and HOME only, so a developer's TF_* settings never change what a test sees. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir(), ...extra };
}

/** Copies a fixture configuration into a fresh temp dir; remove it with `removeWorkdir`. */
export async function fixtureWorkdir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ztlab-tf-${name}-`));
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export async function removeWorkdir(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

/** Lines of a recorded engine stream under test/fixtures/terraform/recorded. */
export async function recordedLines(file: string): Promise<string[]> {
  const text = await readFile(join(FIXTURES, "recorded", file), "utf8");
  return text.split("\n").filter((line) => line !== "");
}

/** `terraform state list` in a directory, run directly (not through the code under test). */
export function stateList(dir: string): string[] {
  if (TERRAFORM_PATH === undefined) return [];
  const out = execFileSync(TERRAFORM_PATH, ["state", "list"], {
    cwd: dir,
    encoding: "utf8",
    env: testEnv(),
  });
  return out.split("\n").filter((line) => line !== "");
}
