// Loading the lab for a command: the file (or the built-in lab, said in one line) and its plan.
import type { LoadedLab } from "../config/index.js";
import type { LabPlan, ResolveOptions } from "../plan/index.js";
import type { CliContext } from "./cli-context.js";

export interface LabAndPlan {
  lab: LoadedLab;
  plan: LabPlan;
  /** Where the lab came from, for messages: a path or "built-in reference lab". */
  origin: string;
}

export async function loadLabAndPlan(
  ctx: CliContext,
  options: ResolveOptions = {},
): Promise<LabAndPlan> {
  const { loadLab } = await import("../config/index.js");
  const { resolvePlan } = await import("../plan/index.js");
  const lab = await loadLab({ cwd: ctx.cwd, explicit: ctx.options.config });
  const origin = lab.source.kind === "file" ? lab.source.path : "built-in reference lab";
  if (lab.source.kind === "builtin") {
    ctx.note(
      "no lab file here (ztlab.yaml); using the built-in reference lab (`ztlab init` writes one)",
    );
  }
  const plan = resolvePlan(lab.config, { source: origin, ...options });
  return { lab, plan, origin };
}
