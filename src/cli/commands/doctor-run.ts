// `ztlab doctor`, loaded only when the command runs. Reports names and presence, never values.
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { isZtlabError } from "../../errors/index.js";
import type { CliContext } from "../cli-context.js";
import {
  checkCredentials,
  ZEROTIER_TOKEN,
  ZEROTIER_URL,
  type CloudCredentials,
  type CredentialReport,
} from "./credential-check.js";
import { credentialLookup, engineChoice, findEngine, type EngineFlags } from "./engine-session.js";

interface EngineCheck {
  found: boolean;
  kind?: string;
  version?: string;
  path?: string;
  problem?: string;
}

interface SshCheck {
  agent: boolean;
  keys: string[];
}

const KEY_FILES = ["id_ed25519", "id_ecdsa", "id_rsa"];

export async function runDoctor(ctx: CliContext, flags: EngineFlags): Promise<number> {
  // An unknown --engine or ZTLAB_ENGINE is bad input (exit 2), not a missing engine.
  await engineChoice(ctx, flags);
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const lookup = await credentialLookup(ctx);
  const { plan, origin } = await loadLabAndPlan(ctx);
  const engine = await checkEngine(ctx, flags);
  const credentials = checkCredentials(plan, lookup);
  const ssh = checkSsh(ctx.env);
  const ready = engine.found && credentials.ready && (ssh.agent || ssh.keys.length > 0);

  if (ctx.options.json) {
    ctx.out(JSON.stringify({ lab: origin, ready, engine, credentials, ssh }, null, 2));
  } else {
    ctx.out(renderDoctor({ origin, engine, credentials, ssh, ready }));
  }
  return ready ? 0 : 1;
}

async function checkEngine(ctx: CliContext, flags: EngineFlags): Promise<EngineCheck> {
  try {
    const engine = await findEngine(ctx, flags);
    return { found: true, kind: engine.kind, version: engine.version, path: engine.path };
  } catch (error) {
    if (!isZtlabError(error)) throw error;
    const lines = [error.message, ...error.details.map((d) => `  ${d}`)];
    return { found: false, problem: lines.join("\n") };
  }
}

function checkSsh(env: Readonly<Record<string, string | undefined>>): SshCheck {
  const socket = env.SSH_AUTH_SOCK;
  const agent = socket !== undefined && socket !== "" && isSocket(socket);
  const dir = join(env.HOME ?? homedir(), ".ssh");
  const keys = KEY_FILES.filter((name) => existsSync(join(dir, name))).map((n) => `~/.ssh/${n}`);
  return { agent, keys };
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

function renderDoctor({
  origin,
  engine,
  credentials,
  ssh,
  ready,
}: {
  origin: string;
  engine: EngineCheck;
  credentials: CredentialReport;
  ssh: SshCheck;
  ready: boolean;
}): string {
  const lines = [`lab: ${origin}`, ""];
  lines.push(
    engine.found
      ? `ok       engine: ${engine.kind} ${engine.version} (${engine.path})`
      : `missing  engine: ${(engine.problem ?? "").replace(/\n/g, "\n         ")}`,
  );
  const z = credentials.zerotier;
  lines.push(`${mark(z.token)}  zerotier: ${ZEROTIER_TOKEN} ${z.token ? "set" : "not set"}`);
  if (z.url) lines.push(`         zerotier: ${ZEROTIER_URL} set (a non-default Central API)`);
  for (const cloud of credentials.clouds) lines.push(...renderCloud(cloud));
  lines.push(
    ssh.agent || ssh.keys.length > 0
      ? `ok       ssh: ${sshMeans(ssh)}`
      : "missing  ssh: no agent (SSH_AUTH_SOCK) and no key in ~/.ssh",
  );
  lines.push("", ready ? "ready for `ztlab up`" : "not ready: fix the lines marked missing");
  return lines.join("\n");
}

function renderCloud(cloud: CloudCredentials): string[] {
  const head = `${cloud.cloud} (nodes: ${cloud.nodes.join(", ")})`;
  if (!cloud.supported) return [`skipped  ${head}: ztlab cannot build nodes on this cloud yet`];
  // An `enabled: auto` cloud without credentials is left out of the lab, which is not a fault.
  const lines = cloud.ready
    ? [`ok       ${head}`]
    : cloud.skippedAuto
      ? [`skipped  ${head} (auto): no credentials, so these nodes are left out`]
      : [`missing  ${head}`];
  for (const [i, group] of cloud.groups.entries()) {
    const state = group.names.map(
      (name) => `${name} ${group.missing.includes(name) ? "missing" : "set"}`,
    );
    lines.push(`           ${i === 0 ? "" : "or "}${state.join(", ")}`);
  }
  if (cloud.configFile !== undefined) {
    const { path, present } = cloud.configFile;
    lines.push(`           or ${path} ${present ? "present" : "absent"}`);
  }
  for (const { name, present } of cloud.required) {
    lines.push(
      `           and ${name} ${present ? "set" : "missing"} (required: nodes without compartment_id)`,
    );
  }
  const unset = cloud.optional.filter((o) => !o.present).map((o) => o.name);
  if (unset.length > 0) lines.push(`           optional, not set: ${unset.join(", ")}`);
  return lines;
}

function mark(ok: boolean): string {
  return ok ? "ok     " : "missing";
}

function sshMeans(ssh: SshCheck): string {
  return [...(ssh.agent ? ["agent running"] : []), ...ssh.keys].join(", ");
}
