// Linux network namespaces for multi-node tests: names unique per run, removed afterwards.
import { randomBytes } from "node:crypto";
import { execa } from "execa";

/** Whether this process can create network namespaces (root and a working `ip netns`). */
export async function canUseNetns(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const listed = await execa("ip", ["netns", "list"], { reject: false });
  return listed.exitCode === 0;
}

/** A short id for namespace names, so parallel runs never collide. */
export function runId(): string {
  return randomBytes(3).toString("hex");
}

export async function ip(...args: string[]): Promise<string> {
  return (await execa("ip", args)).stdout;
}

/** Runs `ip` inside a namespace. */
export async function ipIn(namespace: string, ...args: string[]): Promise<string> {
  return ip("-n", namespace, ...args);
}

export async function addNetns(name: string): Promise<void> {
  await ip("netns", "add", name);
  await ipIn(name, "link", "set", "lo", "up");
}

/** Deletes namespaces that exist, ignoring ones already gone. */
export async function deleteNetns(names: readonly string[]): Promise<void> {
  for (const name of names) await execa("ip", ["netns", "delete", name], { reject: false });
}
