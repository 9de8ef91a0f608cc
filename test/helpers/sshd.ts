// Real OpenSSH servers on loopback for tests: throwaway host and user keys made at test time,
// run as root with a config in a temp dir, and killed afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SSHD_BINARY = "/usr/sbin/sshd";

/** Why sshd tests cannot run here, or undefined when they can. */
export function sshdUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "sshd tests need root";
  if (!existsSync(SSHD_BINARY)) return "openssh-server is not installed";
  if (spawnSync("sh", ["-c", "command -v ssh && command -v ssh-keygen"]).status !== 0) {
    return "openssh-client is not installed";
  }
  return undefined;
}

export interface SshdNode {
  name: string;
  address: string;
}

export interface SshdLab {
  dir: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  nodes: SshdNode[];
  stop: () => Promise<void>;
}

/**
 * One sshd per node, each on its own loopback address and a shared port. Sessions get
 * `PATH=<binDir>:...` and `FAKE_NODE=<name>` (plus `env`) through sshd's SetEnv.
 */
export async function startSshdLab({
  nodes,
  binDir,
  env = {},
}: {
  nodes: readonly SshdNode[];
  binDir?: string;
  /** Extra session variables; a function gets the lab's temp dir. */
  env?: Record<string, string> | ((dir: string) => Record<string, string>);
}): Promise<SshdLab> {
  const dir = await mkdtemp(join(tmpdir(), "ztlab-sshd-"));
  await mkdir("/run/sshd", { recursive: true });
  keygen(join(dir, "host_key"));
  keygen(join(dir, "user_key"));
  spawnSync("cp", [join(dir, "user_key.pub"), join(dir, "authorized_keys")]);
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const sessionEnv = typeof env === "function" ? env(dir) : env;
    const port = await startAll({ dir, nodes, binDir, env: sessionEnv, children });
    return {
      dir,
      port,
      user: "root",
      identityFile: join(dir, "user_key"),
      knownHostsFile: join(dir, "known_hosts"),
      nodes: [...nodes],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startAll({
  dir,
  nodes,
  binDir,
  env,
  children,
}: {
  dir: string;
  nodes: readonly SshdNode[];
  binDir: string | undefined;
  env: Record<string, string>;
  children: ChildProcess[];
}): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const started: ChildProcess[] = [];
    let ok = true;
    for (const node of nodes) {
      const config = join(dir, `sshd-${node.name}.conf`);
      await writeFile(config, sshdConfig({ dir, node, port, binDir, env }));
      const child = spawn(SSHD_BINARY, ["-D", "-e", "-f", config], { stdio: "ignore" });
      started.push(child);
      if (!(await listening(node.address, port, child))) {
        ok = false;
        break;
      }
    }
    children.push(...started);
    if (ok) return port;
    await Promise.all(started.map(stopChild));
    children.length = 0;
  }
  throw new Error("could not start sshd on loopback");
}

function sshdConfig({
  dir,
  node,
  port,
  binDir,
  env,
}: {
  dir: string;
  node: SshdNode;
  port: number;
  binDir: string | undefined;
  env: Record<string, string>;
}): string {
  const path = [binDir, "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
    .filter(Boolean)
    .join(":");
  // HOME in the temp dir keeps the server account's shell start-up files out of test sessions.
  const setEnv = Object.entries({ PATH: path, HOME: dir, FAKE_NODE: node.name, ...env })
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  return [
    `ListenAddress ${node.address}:${port}`,
    `HostKey ${join(dir, "host_key")}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `PidFile ${join(dir, `sshd-${node.name}.pid`)}`,
    "StrictModes no",
    "UsePAM no",
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "MaxStartups 200",
    "MaxSessions 100",
    `SetEnv ${setEnv}`,
    "",
  ].join("\n");
}

function keygen(path: string): void {
  const result = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path]);
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${String(result.stderr)}`);
}

async function listening(host: string, port: number, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) return false;
    if (await canConnect(host, port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
