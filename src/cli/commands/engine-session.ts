// What up, down and output share: choosing the engine, the Terraform directory, the progress view,
// credentials from the environment, and asking before changing anything.
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { CLOUD_MODULES } from "../../clouds/index.js";
import type { LoadedLab } from "../../config/index.js";
import { InputError } from "../../errors/index.js";
import type { Engine, EngineRun } from "../../terraform/index.js";
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

export async function findEngine(ctx: CliContext, flags: EngineFlags): Promise<Engine> {
  const { locateEngine, parseEngineKind } = await import("../../terraform/index.js");
  const fromEnv = ctx.env.ZTLAB_ENGINE;
  const choice =
    flags.engine !== undefined
      ? parseEngineKind(flags.engine, "--engine")
      : fromEnv !== undefined && fromEnv !== ""
        ? parseEngineKind(fromEnv, "ZTLAB_ENGINE")
        : undefined;
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
 * Asks on the terminal; without one, --yes is required. Returns false when the user declines.
 */
export async function confirm(ctx: CliContext, question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (ctx.stdin?.isTTY !== true) {
    throw new InputError("stdin is not a terminal, so ztlab cannot ask before changing the lab", {
      code: "confirmation-needed",
      hint: "run again with --yes to go ahead without asking",
    });
  }
  const prompt = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
