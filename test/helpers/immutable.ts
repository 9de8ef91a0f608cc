// chattr +i: a file or directory even root cannot change, to provoke write failures as root.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function chattr(flag: "+i" | "-i", path: string): boolean {
  return spawnSync("chattr", [flag, path], { stdio: "ignore" }).status === 0;
}

/** Whether this machine can mark files immutable in the temp directory (root, chattr, ext4...). */
export const canMakeImmutable: boolean = (() => {
  const probe = mkdtempSync(join(tmpdir(), "ztlab-immutable-"));
  const ok = chattr("+i", probe);
  if (ok) chattr("-i", probe);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

/** Runs `work` with the path immutable, and always makes it mutable again (for cleanup). */
export async function whileImmutable<T>(path: string, work: () => Promise<T>): Promise<T> {
  if (!chattr("+i", path)) throw new Error(`chattr +i ${path} failed`);
  try {
    return await work();
  } finally {
    chattr("-i", path);
  }
}
