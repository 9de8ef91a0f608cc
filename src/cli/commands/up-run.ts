// `ztlab up`, loaded only when the command runs.
import { EngineError, InputError } from "../../errors/index.js";
import { engineApply, engineInit, enginePlan } from "../../terraform/index.js";
import type { LabPlan } from "../../plan/index.js";
import type { CliContext } from "../cli-context.js";
import { changesPerNode, nodeLookup, renderPlanSummary } from "../render/progress-plan.js";
import { renderProgressSummary } from "../render/progress-summary.js";
import { checkCredentials, missingCredentials } from "./credential-check.js";
import {
  checkConfirmable,
  checkNodeFlag,
  confirmOrDiscard,
  credentialLookup,
  engineChoice,
  engineRun,
  findEngine,
  progressView,
  terraformDir,
} from "./engine-session.js";
import { NETWORK_TARGET, type UpFlags } from "./up.js";

export async function runUp(ctx: CliContext, flags: UpFlags): Promise<number> {
  // Bad flags and names first, then credentials, then whether anything can be confirmed.
  checkFlags(flags);
  await engineChoice(ctx, flags);
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { lab, plan } = await loadLabAndPlan(ctx);
  checkNodeFlag(plan, flags.node);

  // Nothing is written or run while a credential this run needs is missing.
  const lookup = await credentialLookup(ctx);
  const scope = scopedPlan(plan, flags);
  const missing = missingCredentials(scope, checkCredentials(scope, lookup));
  if (missing !== undefined) throw missing;
  checkConfirmable(ctx, flags.yes === true);

  const engine = await findEngine(ctx, flags);
  const { synthesizeLab, writeSynthDirectory, nodeTargets } = await import("../../synth/index.js");
  const result = synthesizeLab(plan, { state: lab.config.state });
  const dir = terraformDir(ctx, lab, flags);
  await writeSynthDirectory({ dir, result });
  const targets =
    flags.only === "network"
      ? [NETWORK_TARGET]
      : flags.node !== undefined
        ? nodeTargets(result.nodes, flags.node)
        : [];

  const view = progressView(ctx);
  const run = engineRun(ctx, engine, dir, view);
  ctx.note(`${engine.kind} ${engine.version} in ${dir}`);
  await engineInit(run);
  const planned = await enginePlan(run, { targets, save: true });
  if (!planned.hasChanges) {
    ctx.note("no changes: the lab already matches its configuration");
    if (ctx.options.json) ctx.out(JSON.stringify({ dir, applied: [] }, null, 2));
    return 0;
  }
  ctx.note(renderPlanSummary(changesPerNode(planned.changes, nodeLookup(result.nodes))).trimEnd());
  if (!(await confirmOrDiscard(ctx, "apply these changes?", flags.yes, planned.planFile))) {
    ctx.note("nothing applied");
    return 1;
  }

  view.begin("applying");
  const started = Date.now();
  try {
    await engineApply(run, { planFile: planned.planFile });
  } finally {
    const tally = view.end();
    ctx.note(
      renderProgressSummary({
        tally,
        operation: "apply",
        durationMs: Date.now() - started,
      }).trimEnd(),
    );
  }

  const second = await enginePlan(run, { targets });
  if (second.hasChanges) {
    throw new EngineError("the lab does not converge: a second plan still shows changes", {
      code: "plan-not-converged",
      details: second.changes.map(
        (c) => `${c.action} ${c.address}${c.reason ? ` (${c.reason})` : ""}`,
      ),
      hint: "these resources drift after apply; run `ztlab up` again or report the resource",
    });
  }
  ctx.note("second plan shows no changes: the lab is up");
  if (ctx.options.json) ctx.out(JSON.stringify({ dir, applied: planned.changes }, null, 2));
  return 0;
}

/** The part of the lab this run touches: its credentials are the ones needed. */
function scopedPlan(plan: LabPlan, flags: UpFlags): LabPlan {
  if (flags.only === "network") return { ...plan, nodes: [] };
  if (flags.node !== undefined) {
    return { ...plan, nodes: plan.nodes.filter((node) => node.name === flags.node) };
  }
  return plan;
}

function checkFlags(flags: UpFlags): void {
  if (flags.only !== undefined && flags.only !== "network") {
    throw new InputError(`--only: unknown part "${flags.only}"`, {
      code: "invalid-flag",
      hint: "the only part is: network",
    });
  }
  if (flags.only !== undefined && flags.node !== undefined) {
    throw new InputError("--only and --node cannot be used together", { code: "invalid-flag" });
  }
}
