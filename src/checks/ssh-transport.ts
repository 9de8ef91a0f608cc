// Runs commands on lab nodes through the system `ssh` binary (via execa), not the ssh2 package:
// the operator's ssh-agent, ~/.ssh/config (ProxyJump, hardware keys) and OpenSSH's own host-key
// handling then apply unchanged, and `ztlab ssh` needs the system client for an interactive
// terminal anyway, so one transport serves both.
import { execa } from "execa";

export interface SshEndpoint {
  host: string;
  user: string;
  port?: number;
}

export interface SshSettings {
  /** ztlab's own known_hosts file: first contact is accepted, a changed key is refused. */
  knownHostsFile: string;
  /** A private key file; without it the agent and ssh's defaults are used. */
  identityFile?: string;
  /** `-F` file for ssh; `none` skips every config file. */
  configFile?: string;
  connectTimeoutS?: number;
  /** Extra `-o` settings, as `Name=value`. */
  options?: readonly string[];
  /** Environment of the ssh client (SSH_AUTH_SOCK reaches the agent); unset, this process's. */
  env?: Record<string, string | undefined>;
}

export interface RemoteResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** ssh exits 255 when ssh itself failed (connect, auth, host key), not the remote command. */
export const SSH_FAILURE_EXIT = 255;

/**
 * Arguments for ssh up to (not including) the remote command. They end with `--` and the host,
 * so no host value can be read as an option; the remote command follows the host directly.
 */
export function sshArgs(
  endpoint: SshEndpoint,
  settings: SshSettings,
  { batch = true, controlPath }: { batch?: boolean; controlPath?: string } = {},
): string[] {
  const args: string[] = [];
  if (settings.configFile !== undefined) args.push("-F", settings.configFile);
  const options = [
    `StrictHostKeyChecking=accept-new`,
    `UserKnownHostsFile=${settings.knownHostsFile}`,
    `ConnectTimeout=${settings.connectTimeoutS ?? 10}`,
    "ServerAliveInterval=5",
    "ServerAliveCountMax=3",
    // Keeps "Permanently added ... to the list of known hosts" out of captured stderr.
    "LogLevel=ERROR",
  ];
  if (batch) options.unshift("BatchMode=yes");
  if (settings.identityFile !== undefined) options.push("IdentitiesOnly=yes");
  if (controlPath !== undefined) options.push(`ControlPath=${controlPath}`);
  for (const option of [...options, ...(settings.options ?? [])]) args.push("-o", option);
  if (settings.identityFile !== undefined) args.push("-i", settings.identityFile);
  if (endpoint.port !== undefined) args.push("-p", String(endpoint.port));
  args.push("-l", endpoint.user, "--", endpoint.host);
  return args;
}

/** Runs one shell command on a node; never throws for a failed command, only reports it. */
export async function runRemote({
  endpoint,
  settings,
  command,
  timeoutMs,
  controlPath,
  signal,
  sshBinary = "ssh",
}: {
  endpoint: SshEndpoint;
  settings: SshSettings;
  command: string;
  timeoutMs: number;
  controlPath?: string;
  signal?: AbortSignal;
  sshBinary?: string;
}): Promise<RemoteResult> {
  const started = Date.now();
  const args = [...sshArgs(endpoint, settings, { controlPath }), command];
  const result = await execa(sshBinary, args, {
    reject: false,
    timeout: timeoutMs,
    cancelSignal: signal,
    stdin: "ignore",
    stripFinalNewline: false,
    forceKillAfterDelay: 1_000,
    ...(settings.env === undefined ? {} : { env: settings.env, extendEnv: false }),
  });
  return {
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: result.timedOut,
    durationMs: Date.now() - started,
  };
}
