// What up, down and output share: choosing the engine, the Terraform directory, the progress view,
// credentials from the environment, and asking before changing anything.
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { CLOUD_MODULES } from "../../clouds/index.js";
import type { LoadedLab } from "../../config/index.js";
import { InputError } from "../../errors/index.js";
import type { LabPlan } from "../../plan/index.js";
import type { Engine, EngineKind, EngineRun } from "../../terraform/index.js";
import type { CliContext } from "../cli-context.js";
import { createProgressView, type ProgressView } from "../render/progress-view.js";
import { credentialVariableNames, type CredentialLookup } from "./credential-check.js";
import type { EngineFlags } from "./engine-options.js";

export type { EngineFlags };
export { addEngineOptions } from "./engine-options.js";

/** Every cloud's credential variables: their values never appear in what the engine reports. */
export const CREDENTIAL_NAMES: readonly string[] = credentialVariableNames(
  Object.values(CLOUD_MODULES).map((module) => module.credentials),
);

/** The directory `ztlab synth` writes and the engine runs in. */
export function terraformDir(ctx: CliContext, lab: LoadedLab, flags: EngineFlags): string {
  if (flags.dir !== undefined) return resolve(ctx.cwd, flags.dir);
  const base = lab.source.kind === "file" ? dirname(lab.source.path) : ctx.cwd;
  return join(base, "ztlab-terraform");
}

/** The engine asked for by --engine or ZTLAB_ENGINE; an unknown name is bad input (exit 2). */
export async function engineChoice(
  ctx: CliContext,
  flags: EngineFlags,
): Promise<EngineKind | undefined> {
  const { parseEngineKind } = await import("../../terraform/index.js");
  const fromEnv = ctx.env.ZTLAB_ENGINE;
  if (flags.engine !== undefined) return parseEngineKind(flags.engine, "--engine");
  if (fromEnv !== undefined && fromEnv !== "") return parseEngineKind(fromEnv, "ZTLAB_ENGINE");
  return undefined;
}

export async function findEngine(ctx: CliContext, flags: EngineFlags): Promise<Engine> {
  const { locateEngine } = await import("../../terraform/index.js");
  const choice = await engineChoice(ctx, flags);
  return locateEngine({
    choice,
    pathEnv: ctx.env.PATH,
    env: ctx.env,
    secretNames: CREDENTIAL_NAMES,
  });
}

export function progressView(ctx: CliContext): ProgressView {
  return createProgressView({
    stream: ctx.stderr,
    live: ctx.stderr.isTTY === true && ctx.env.CI === undefined && ctx.env.TERM !== "dumb",
    level: ctx.level,
    quietProgress: ctx.options.json === true,
  });
}

export function engineRun(
  ctx: CliContext,
  engine: Engine,
  dir: string,
  view: ProgressView,
): EngineRun {
  return {
    engine,
    dir,
    env: ctx.env,
    secretNames: CREDENTIAL_NAMES,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    ...(ctx.force === undefined ? {} : { force: ctx.force }),
    onEvent: view.onEvent,
  };
}

export async function credentialLookup(ctx: CliContext): Promise<CredentialLookup> {
  const { cloudModule } = await import("../../clouds/index.js");
  return { env: ctx.env, spec: (cloud) => cloudModule(cloud)?.credentials };
}

/**
 * The one node `--node` names, checked before anything runs: it must exist and be enabled.
 */
export function checkNodeFlag(plan: LabPlan, node: string | undefined): void {
  if (node === undefined) return;
  const found = plan.nodes.find((candidate) => candidate.name === node);
  const enabled = plan.nodes.filter((candidate) => candidate.enabled).map((n) => n.name);
  const hint = enabled.length > 0 ? `enabled nodes: ${enabled.join(", ")}` : "no node is enabled";
  if (found === undefined) {
    throw new InputError(`--node: the lab has no node "${node}"`, { code: "unknown-node", hint });
  }
  if (!found.enabled) {
    const why = found.enabledSetting === "auto" ? "auto, and its cloud has no credentials" : "off";
    throw new InputError(`--node: node "${node}" is not enabled (${why})`, {
      code: "node-disabled",
      hint,
    });
  }
}

/** Without a terminal and without --yes nothing can be confirmed: refuse before any engine run. */
export function checkConfirmable(ctx: CliContext, yes: boolean): void {
  if (yes || ctx.stdin?.isTTY === true) return;
  throw new InputError("stdin is not a terminal, so ztlab cannot ask before changing the lab", {
    code: "confirmation-needed",
    hint: "run again with --yes to go ahead without asking",
  });
}

/**
 * Asks on the terminal; without one, --yes is required. Returns false when the user declines.
 * The first Ctrl-C ends the question at once (the caller then exits 130).
 */
export async function confirm(ctx: CliContext, question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  checkConfirmable(ctx, yes);
  const stdin = ctx.stdin as NonNullable<CliContext["stdin"]>;
  const prompt = createInterface({ input: stdin, output: ctx.stderr });
  // On a terminal readline reads Ctrl-C itself (raw mode), so no SIGINT reaches the process.
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  prompt.on("SIGINT", onInterrupt);
  if (ctx.signal?.aborted === true) stop.abort();
  ctx.signal?.addEventListener("abort", onInterrupt, { once: true });
  try {
    const answer = await prompt.question(`${question} [y/N] `, { signal: stop.signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    ctx.stderr.write("\n");
    throw new PromptInterruptedError("interrupted at the question; nothing was changed", {
      code: "interrupted",
    });
  } finally {
    ctx.signal?.removeEventListener("abort", onInterrupt);
    prompt.close();
  }
}

/** Asks before applying a saved plan; the plan is removed when the answer is no or Ctrl-C. */
export async function confirmOrDiscard(
  ctx: CliContext,
  question: string,
  yes: boolean | undefined,
  planFile: string | undefined,
): Promise<boolean> {
  const { discardPlan } = await import("../../terraform/index.js");
  try {
    if (await confirm(ctx, question, yes === true)) return true;
  } catch (error) {
    await discardPlan(planFile);
    throw error;
  }
  await discardPlan(planFile);
  return false;
}

/** Ctrl-C while ztlab asks: the command ends at once with exit 130. */
export class PromptInterruptedError extends InputError {
  override get exitCode(): number {
    return 130;
  }
}
