// One multiplexing ssh connection per node, so the many short check commands skip the handshake.
// The master is our own child process: we start it, wait for its socket, and end it ourselves.
import { existsSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { execa, type ResultPromise } from "execa";
import { sshArgs, type SshEndpoint, type SshSettings } from "./ssh-transport.js";

export interface SshMaster {
  controlPath: string;
  close: () => Promise<void>;
}

export type MasterOutcome =
  { ok: true; master: SshMaster } | { ok: false; reason: string; timedOut: boolean };

const POLL_MS = 25;
const STOP_WAIT_MS = 2_000;

export async function openMaster({
  endpoint,
  settings,
  controlPath,
  timeoutMs,
  sshBinary = "ssh",
}: {
  endpoint: SshEndpoint;
  settings: SshSettings;
  controlPath: string;
  timeoutMs: number;
  sshBinary?: string;
}): Promise<MasterOutcome> {
  const base = sshArgs(endpoint, settings, { controlPath });
  const args = ["-M", "-N", "-o", "ControlMaster=yes", "-o", "ControlPersist=no", ...base];
  const env = settings.env === undefined ? {} : { env: settings.env, extendEnv: false };
  const child = execa(sshBinary, args, {
    reject: false,
    stdin: "ignore",
    stdout: "ignore",
    ...env,
  });
  let exited = false;
  const done = child.then((result) => {
    exited = true;
    return result;
  });
  const deadline = Date.now() + timeoutMs;
  while (!exited && !existsSync(controlPath) && Date.now() < deadline) await delay(POLL_MS);
  if (existsSync(controlPath) && !exited) {
    const exitArgs = ["-O", "exit", ...base];
    const stop = () => stopMaster({ child, done, exitArgs, sshBinary, env });
    return { ok: true, master: { controlPath, close: stop } };
  }
  if (!exited) {
    child.kill("SIGKILL");
    await done;
    return { ok: false, reason: `no ssh connection within ${timeoutMs} ms`, timedOut: true };
  }
  const result = await done;
  return { ok: false, reason: lastLine(String(result.stderr)) || "ssh failed", timedOut: false };
}

// Asks the master to exit over its socket (SIGTERM alone can leave it lingering for seconds
// while sessions drain), then makes sure it is gone.
async function stopMaster({
  child,
  done,
  exitArgs,
  sshBinary,
  env,
}: {
  child: ResultPromise;
  done: Promise<unknown>;
  exitArgs: string[];
  sshBinary: string;
  env: { env?: Record<string, string | undefined>; extendEnv?: boolean };
}): Promise<void> {
  const options = { reject: false, stdin: "ignore", timeout: STOP_WAIT_MS, ...env } as const;
  await execa(sshBinary, exitArgs, options);
  const exited = await Promise.race([done.then(() => true), delay(STOP_WAIT_MS).then(() => false)]);
  if (!exited) {
    child.kill("SIGKILL");
    await done;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n").filter(Boolean);
  return lines.at(-1)?.trim() ?? "";
}
