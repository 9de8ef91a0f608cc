// Loading the lab for a command: the file (or the built-in lab, said in one line) and its plan.
import type { CloudKind, Locate, LoadedLab } from "../config/index.js";
import { ValidationError, type ValidationProblem } from "../errors/index.js";
import type { LabPlan, ResolveOptions } from "../plan/index.js";
import type { CliContext } from "./cli-context.js";

export interface LabAndPlan {
  lab: LoadedLab;
  plan: LabPlan;
  /** Where the lab came from, for messages: a path or "built-in reference lab". */
  origin: string;
}

export const BUILTIN_LAB_NOTICE =
  "no lab file here (ztlab.yaml); using the built-in reference lab (`ztlab init` writes one)";

/**
 * The lab and its plan. A lab file with problems still gets the plan's cross-field rules run on
 * the parts that parsed, so one error lists everything wrong.
 */
export async function loadLabAndPlan(
  ctx: CliContext,
  options: ResolveOptions = {},
): Promise<LabAndPlan> {
  const { loadLab, InvalidLabError, isUnder, sortProblems } = await import("../config/index.js");
  const { resolvePlan } = await import("../plan/index.js");
  // `enabled: auto` resolves the same way in every command: on when the cloud's credentials are
  // in this environment.
  options = { hasCredentials: await credentialsPresent(ctx), ...options };

  let lab: LoadedLab;
  try {
    lab = await loadLab({ cwd: ctx.cwd, explicit: ctx.options.config });
  } catch (error) {
    const partial = error instanceof InvalidLabError ? error.partial : undefined;
    if (!(error instanceof InvalidLabError) || partial === undefined) throw error;
    const reported = error.problems.map((problem) => problem.path);
    const more = planProblems(() => resolvePlan(partial, options))
      .filter((problem) => !isUnder(problem.path, reported))
      .map((problem) => placeProblem(problem, error.locate));
    if (more.length === 0) throw error;
    throw new ValidationError(sortProblems([...error.problems, ...more]), {
      source: error.source,
    });
  }

  const origin = lab.source.kind === "file" ? lab.source.path : "built-in reference lab";
  if (lab.source.kind === "builtin") ctx.note(BUILTIN_LAB_NOTICE);
  try {
    return { lab, plan: resolvePlan(lab.config, { source: origin, ...options }), origin };
  } catch (error) {
    if (!(error instanceof ValidationError) || lab.locate === undefined) throw error;
    const placed = error.problems.map((problem) => placeProblem(problem, lab.locate));
    throw new ValidationError(sortProblems(placed), { source: origin, code: error.code });
  }
}

/** How every command resolves `enabled: auto`: on when the cloud's credentials are in the env. */
export async function credentialsPresent(ctx: CliContext): Promise<(cloud: CloudKind) => boolean> {
  const { cloudModule } = await import("../clouds/index.js");
  const { hasCloudCredentials } = await import("./commands/credential-check.js");
  const lookup = { env: ctx.env, spec: (cloud: CloudKind) => cloudModule(cloud)?.credentials };
  return (cloud) => hasCloudCredentials(cloud, lookup);
}

function planProblems(resolve: () => unknown): ValidationProblem[] {
  try {
    resolve();
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
}

function placeProblem(problem: ValidationProblem, locate: Locate | undefined): ValidationProblem {
  if (problem.line !== undefined || locate === undefined || problem.path === "") return problem;
  return { ...problem, ...locate(problem.path.split(".")) };
}
