// What the commands that reach a running lab share: its Terraform outputs, the ssh settings from
// flags, and the lab's login user.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import type { LabOutputs, SshSettings } from "../checks/index.js";
import { EnvironmentError, InputError } from "../errors/index.js";
import type { LabPlan } from "../plan/index.js";
import type { CliContext } from "./cli-context.js";
import type { LabAndPlan } from "./lab-loading.js";
import { addEngineOptions, type EngineFlags } from "./commands/engine-options.js";

export interface OutputsFlags extends EngineFlags {
  outputs?: string;
}

export interface SshFlags {
  identity?: string;
  user?: string;
  port?: string;
  sshConfig?: string;
  sshOption?: string[];
  knownHosts?: string;
}

export function addOutputsOptions(command: Command): Command {
  return addEngineOptions(
    command.option("--outputs <file>", "a saved `terraform output -json` document of the lab"),
  );
}

export function addSshOptions(command: Command): Command {
  return command
    .option("-i, --identity <file>", "private key for ssh (default: ssh-agent and ssh defaults)")
    .option("-u, --user <name>", "login user (default: the lab file's first user)")
    .option("-p, --port <port>", "ssh port of every node (default: 22 or ~/.ssh/config)")
    .option("--ssh-config <file>", "ssh config file for `ssh -F` (`none` ignores all)")
    .option("-o, --ssh-option <Name=value>", "extra ssh -o option (repeatable)", collect)
    .option("--known-hosts <file>", "known_hosts file (default: ztlab's own, in its state dir)");
}

/**
 * The lab's outputs: `--outputs FILE`, else `<engine> output -json` in the Terraform directory,
 * through the engine runner that `up` and `output` use. A lab not applied yet is exit 1 with the
 * same message as `ztlab output`.
 */
export async function readLabOutputs(
  ctx: CliContext,
  flags: OutputsFlags,
  { lab }: Pick<LabAndPlan, "lab">,
): Promise<LabOutputs> {
  const { parseLabOutputs, readOutputsFile } = await import("../checks/index.js");
  if (flags.outputs !== undefined) return readOutputsFile(resolve(ctx.cwd, flags.outputs));
  const { engineOutputs } = await import("../terraform/index.js");
  const { engineRun, findEngine, progressView, terraformDir } =
    await import("./commands/engine-session.js");
  const dir = terraformDir(ctx, lab, flags);
  if (!existsSync(dir)) {
    throw labNotUp(`${dir}: no Terraform directory; the lab is not up`, "no-terraform-dir");
  }
  const engine = await findEngine(ctx, flags);
  const run = engineRun(ctx, engine, dir, progressView(ctx));
  const outputs = await engineOutputs(run);
  if (Object.keys(outputs).length === 0) {
    throw labNotUp(
      `${dir}: the Terraform state holds no outputs; the lab is not up`,
      "nothing-applied",
    );
  }
  return parseLabOutputs(outputs, `${engine.kind} output in ${dir}`);
}

/** The lab has not been applied (or its outputs lack what a command needs): exit 1. */
export function labNotUp(message: string, code: string): EnvironmentError {
  return new EnvironmentError(message, {
    code,
    hint: "run `ztlab up` first, or pass --dir DIR or --outputs FILE",
  });
}

export async function sshSettingsFrom(ctx: CliContext, flags: SshFlags): Promise<SshSettings> {
  const knownHostsFile =
    flags.knownHosts === undefined
      ? join(stateDir(ctx), "known_hosts")
      : resolve(ctx.cwd, flags.knownHosts);
  await mkdir(dirname(knownHostsFile), { recursive: true, mode: 0o700 });
  return {
    knownHostsFile,
    identityFile: flags.identity === undefined ? undefined : resolve(ctx.cwd, flags.identity),
    configFile: flags.sshConfig,
    options: flags.sshOption ?? [],
    env: ctx.env,
  };
}

export function portFrom(flags: SshFlags): number | undefined {
  if (flags.port === undefined) return undefined;
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(`--port: "${flags.port}" is not a port number`, { code: "invalid-flag" });
  }
  return port;
}

/** `--user`, else the first user of the lab file, who has an account on every node. */
export function loginUser(plan: LabPlan, flags: SshFlags): string {
  const user = flags.user ?? plan.users[0]?.username;
  if (user === undefined) {
    throw new InputError("no user to log in as: the lab file lists no users", {
      code: "no-lab-user",
      hint: "add one under users:, or pass --user",
    });
  }
  return user;
}

export function positiveInt(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InputError(`${flag}: "${value}" is not a positive whole number`, {
      code: "invalid-flag",
    });
  }
  return number;
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

// ztlab's state dir: $XDG_STATE_HOME/ztlab, else ~/.local/state/ztlab.
function stateDir(ctx: CliContext): string {
  const base = ctx.env.XDG_STATE_HOME ?? join(ctx.env.HOME ?? ctx.cwd, ".local", "state");
  return join(base, "ztlab");
}

/** The public address of an enabled node, from the outputs; names the choices when unknown. */
export function nodeHost(plan: LabPlan, outputs: LabOutputs, name: string): string {
  const enabled = plan.nodes.filter((node) => node.enabled).map((node) => node.name);
  if (!enabled.includes(name)) {
    throw new InputError(`no enabled node named "${name}"`, {
      code: "unknown-node",
      hint: `nodes: ${enabled.join(", ") || "(none enabled)"}`,
    });
  }
  const node = outputs.nodes[name];
  const host = node?.publicIpv4 ?? node?.publicIpv6;
  if (host === undefined) {
    throw labNotUp(
      `node ${name} has no public address in the Terraform outputs`,
      "node-not-deployed",
    );
  }
  return host;
}

/**
 * A CLI stream as execa's stdout/stderr: a stream backed by a file descriptor is handed to the
 * child as is (so a terminal stays a terminal); any other stream gets a pipe that runSsh
 * forwards without ending the stream, which still carries ztlab's own messages afterwards.
 */
function childStream(stream: Writable): Writable | "pipe" {
  return typeof (stream as { fd?: unknown }).fd === "number" ? stream : "pipe";
}

/** ssh's own failure status (connect, authentication, host key), not the remote command's. */
const SSH_FAILED = 255;

/**
 * Runs the system ssh with the terminal or the CLI's streams; returns the remote command's exit
 * status. ssh's own failure becomes an error (exit 1) naming the node. Under --verbose the
 * command line is shown first.
 */
export async function runSsh(
  ctx: CliContext,
  {
    args,
    node,
    host,
    interactive = false,
    binary = false,
    stopsOnInterrupt = false,
  }: {
    args: string[];
    node: string;
    host: string;
    interactive?: boolean;
    binary?: boolean;
    /** Ctrl-C is the normal way to end this command (a capture), so it exits 0. */
    stopsOnInterrupt?: boolean;
  },
): Promise<number> {
  const { execa } = await import("execa");
  if (ctx.level === "verbose" || ctx.level === "debug") {
    ctx.stderr.write(`running: ${displayCommand(["ssh", ...args])}\n`);
  }
  const stdout = childStream(ctx.stdout);
  const stderr = childStream(ctx.stderr);
  const child = execa("ssh", args, {
    stdin: interactive && ctx.stdin !== undefined ? "inherit" : "ignore",
    stdout,
    stderr,
    buffer: false,
    reject: false,
    cancelSignal: ctx.signal,
    ...(binary ? { encoding: "buffer" as const } : {}),
  });
  if (stdout === "pipe") child.stdout?.pipe(ctx.stdout, { end: false });
  if (stderr === "pipe") child.stderr?.pipe(ctx.stderr, { end: false });
  const result = await child;
  if (stopsOnInterrupt && ctx.signal?.aborted === true) return 0;
  if (result.exitCode === SSH_FAILED) {
    throw new EnvironmentError(`ssh to ${node} (${host}) failed`, {
      code: "ssh-failed",
      details: ["ssh could not connect, log in or verify the host key (its message is above)"],
      hint: "--verbose shows the ssh command line",
    });
  }
  return result.exitCode ?? 1;
}

// Shell-quoted for reading and copying; values of -o options named like secrets are hidden.
function displayCommand(words: readonly string[]): string {
  return words
    .map((word, index) => {
      const secret =
        words[index - 1] === "-o" && /pass|token|secret/i.test(word.split("=")[0] ?? "");
      const shown = secret ? `${word.split("=")[0]}=[redacted]` : word;
      return /^[\w@%+=:,./-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`;
    })
    .join(" ");
}
