import { rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { EngineError } from "../errors/index.js";
import { engineFailure } from "./engine-failure.js";
import type { ChangeCounts, ResourceAction } from "./engine-events.js";
import type { Engine } from "./engine-locate.js";
import { runEngine, type ProgressEvent, type RunEngineResult } from "./engine-runner.js";
import { createProgressTally, failedResources, recordEvent } from "./progress-tally.js";
import type { ProgressTally } from "./progress-tally.js";

/** Where and how to run the engine; shared by every operation. */
export interface EngineRun {
  engine: Engine;
  /** The Terraform configuration directory. */
  dir: string;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  force?: AbortSignal;
  onEvent?: (event: ProgressEvent) => void;
  /** Variables whose values are masked in everything reported, beyond secret-named ones. */
  secretNames?: readonly string[];
}

export interface PlannedChange {
  address: string;
  action: ResourceAction;
  reason?: string;
}

export interface PlanResult {
  changes: PlannedChange[];
  counts: ChangeCounts;
  hasChanges: boolean;
  /** The saved plan, when one was asked for; apply it with engineApply. */
  planFile: string | undefined;
}

export interface ApplyResult {
  tally: ProgressTally;
  durationMs: number;
}

export interface EngineOutput {
  sensitive: boolean;
  value: unknown;
}

/** The saved plan's file name inside the configuration directory. */
export const PLAN_FILE = "ztlab.tfplan";

// Never wait for a lock: a concurrent run is reported at once, not hidden behind a pause.
const LOCK_ARGS = ["-lock-timeout=0s"];

export async function engineInit(run: EngineRun): Promise<void> {
  const args = run.engine.supportsJsonInit
    ? ["init", "-json", "-input=false"]
    : ["init", "-input=false", "-no-color"];
  const result = await guardedRun(run, args);
  if (result.exitCode !== 0) throw engineFailure(result, { what: "init" });
}

/** Plans (or plans a destroy); with `save` the plan is kept for engineApply. */
export async function enginePlan(
  run: EngineRun,
  {
    targets = [],
    destroy = false,
    save = false,
  }: { targets?: readonly string[]; destroy?: boolean; save?: boolean } = {},
): Promise<PlanResult> {
  const changes: PlannedChange[] = [];
  let counts: ChangeCounts = { add: 0, change: 0, remove: 0, import: 0 };
  const args = ["plan", "-json", "-input=false", "-detailed-exitcode", ...LOCK_ARGS];
  if (destroy) args.push("-destroy");
  if (save) args.push(`-out=${PLAN_FILE}`);
  args.push(...targets.map((target) => `-target=${target}`));
  const result = await guardedRun({ ...run, onEvent: collect }, args);
  if (result.exitCode !== 0 && result.exitCode !== 2) {
    throw engineFailure(result, { what: destroy ? "plan (destroy)" : "plan" });
  }
  const hasChanges = result.exitCode === 2;
  // An empty saved plan is useless and still holds every value, sensitive ones included.
  if (save && !hasChanges) await discardPlan(join(run.dir, PLAN_FILE));
  return {
    changes,
    counts,
    hasChanges,
    planFile: save && hasChanges ? join(run.dir, PLAN_FILE) : undefined,
  };

  function collect(event: ProgressEvent): void {
    if (event.type === "planned-change" && event.action !== "noop") {
      const { address, action, reason } = event;
      changes.push(reason === undefined ? { address, action } : { address, action, reason });
    }
    if (event.type === "change-summary") counts = event.changes;
    run.onEvent?.(event);
  }
}

/** Applies a saved plan, or plans and applies in one run (`-auto-approve`) without one. */
export async function engineApply(
  run: EngineRun,
  {
    planFile,
    targets = [],
    destroy = false,
  }: { planFile?: string; targets?: readonly string[]; destroy?: boolean } = {},
): Promise<ApplyResult> {
  const tally = createProgressTally();
  const args =
    planFile === undefined
      ? [
          destroy ? "destroy" : "apply",
          "-json",
          "-input=false",
          "-auto-approve",
          ...LOCK_ARGS,
          ...targets.map((target) => `-target=${target}`),
        ]
      : ["apply", "-json", "-input=false", ...LOCK_ARGS, planFile];
  const onEvent = (event: ProgressEvent) => {
    recordEvent(tally, event);
    run.onEvent?.(event);
  };
  const result = await guardedRun({ ...run, onEvent }, args);
  if (planFile !== undefined) await discardPlan(planFile);
  if (result.exitCode !== 0) {
    const failedAddresses = failedResources(tally).map((resource) => resource.address);
    throw engineFailure(result, { what: destroy ? "destroy" : "apply", failedAddresses });
  }
  return { tally, durationMs: result.durationMs };
}

/** Removes a saved plan: it holds every planned value, sensitive ones included. */
export async function discardPlan(planFile: string | undefined): Promise<void> {
  if (planFile !== undefined) await rm(planFile, { force: true });
}

const outputsSchema = z.record(
  z.string(),
  z.object({ sensitive: z.boolean().default(false), value: z.unknown() }),
);

/** The root module's outputs with their values (sensitive ones included; mask before showing). */
export async function engineOutputs(run: EngineRun): Promise<Record<string, EngineOutput>> {
  const result = await guardedRun(run, ["output", "-json"], { keepStdout: true });
  if (result.exitCode !== 0) throw engineFailure(result, { what: "output" });
  const parsed = outputsSchema.safeParse(parseJson(result.stdout));
  if (!parsed.success) {
    throw new EngineError(`${result.commandLine} printed something other than outputs JSON`, {
      code: "engine-bad-output",
      details: [result.mask(result.stdout).slice(0, 200)],
    });
  }
  return Object.fromEntries(
    Object.entries(parsed.data).map(([name, o]) => [
      name,
      { sensitive: o.sensitive, value: o.value },
    ]),
  );
}

async function guardedRun(
  run: EngineRun,
  args: string[],
  { keepStdout = false }: { keepStdout?: boolean } = {},
): Promise<RunEngineResult> {
  if (run.signal?.aborted === true) {
    throw engineFailure(notStarted(run, args), { what: args[0] ?? "engine" });
  }
  return runEngine({ ...run, cwd: run.dir, args, keepStdout });
}

function notStarted(run: EngineRun, args: string[]): RunEngineResult {
  return {
    exitCode: 130,
    signal: undefined,
    interrupted: true,
    forced: false,
    diagnostics: [],
    stderrTail: [],
    stdout: "",
    mask: (text) => text,
    commandLine: [run.engine.kind, ...args].join(" "),
    durationMs: 0,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
