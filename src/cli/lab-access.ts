// What the commands that reach a running lab share: its Terraform outputs, the ssh settings from
// flags, and the lab's login user.
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import type { LabOutputs, SshSettings } from "../checks/index.js";
import { InputError } from "../errors/index.js";
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
    .option("-o, --ssh-option <Name=value>", "extra ssh -o option (repeatable)", collect, [])
    .option("--known-hosts <file>", "known_hosts file (default: ztlab's own, in its state dir)");
}

/**
 * The lab's outputs: `--outputs FILE`, else `<engine> output -json` in the Terraform directory,
 * through the engine runner that `up` and `output` use.
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
  const engine = await findEngine(ctx, flags);
  const dir = terraformDir(ctx, lab, flags);
  const run = engineRun(ctx, engine, dir, progressView(ctx));
  return parseLabOutputs(await engineOutputs(run), `${engine.kind} output in ${dir}`);
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
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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
    throw new InputError(`node ${name} has no public address in the Terraform outputs`, {
      code: "node-not-deployed",
      hint: "run `ztlab up` first",
    });
  }
  return host;
}

/**
 * A CLI stream as execa's stdout/stderr: a stream backed by a file descriptor is handed to the
 * child as is (so a terminal stays a terminal); any other stream is fed through a pipe.
 */
export function childStream(stream: Writable): Writable | ["pipe", Writable] {
  return typeof (stream as { fd?: unknown }).fd === "number" ? stream : ["pipe", stream];
}
