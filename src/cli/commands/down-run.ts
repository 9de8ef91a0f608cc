// `ztlab down`, loaded only when the command runs.
import { existsSync } from "node:fs";
import { EnvironmentError } from "../../errors/index.js";
import { engineApply, engineInit, enginePlan } from "../../terraform/index.js";
import type { CliContext } from "../cli-context.js";
import { changesPerNode, nodeLookup, renderPlanSummary } from "../render/progress-plan.js";
import { renderProgressSummary } from "../render/progress-summary.js";
import { checkCredentials, missingCredentials } from "./credential-check.js";
import type { DownFlags } from "./down.js";
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

export async function runDown(ctx: CliContext, flags: DownFlags): Promise<number> {
  // Bad flags and names first, then the directory and credentials, then confirmability.
  await engineChoice(ctx, flags);
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { lab, plan } = await loadLabAndPlan(ctx);
  checkNodeFlag(plan, flags.node);
  const dir = terraformDir(ctx, lab, flags);
  if (!existsSync(dir)) {
    throw new EnvironmentError(`${dir}: no Terraform directory, so nothing to destroy`, {
      code: "no-terraform-dir",
      hint: "`ztlab up` creates it; pass --dir if it lives elsewhere",
    });
  }
  // Destroying needs the same provider credentials as creating.
  const lookup = await credentialLookup(ctx);
  const scope =
    flags.node === undefined
      ? plan
      : { ...plan, nodes: plan.nodes.filter((n) => n.name === flags.node) };
  const missing = missingCredentials(scope, checkCredentials(scope, lookup));
  if (missing !== undefined) throw missing;
  checkConfirmable(ctx, flags.yes === true);

  const engine = await findEngine(ctx, flags);
  const { synthesizeLab, nodeTargets } = await import("../../synth/index.js");
  // Synthesized in memory only, for the node's addresses; the directory is left as `up` wrote it.
  const nodes = synthesizeLab(plan, { state: lab.config.state }).nodes;
  const targets = flags.node === undefined ? [] : nodeTargets(nodes, flags.node);

  const view = progressView(ctx);
  const run = engineRun(ctx, engine, dir, view);
  ctx.note(`${engine.kind} ${engine.version} in ${dir}`);
  await engineInit(run);
  const planned = await enginePlan(run, { targets, destroy: true, save: true });
  if (!planned.hasChanges) {
    ctx.note("nothing to destroy: the state holds no resources");
    return 0;
  }
  ctx.note(renderPlanSummary(changesPerNode(planned.changes, nodeLookup(nodes))).trimEnd());
  const what = flags.node === undefined ? "the whole lab" : `node ${flags.node}`;
  if (!(await confirmOrDiscard(ctx, `destroy ${what}?`, flags.yes, planned.planFile))) {
    ctx.note("nothing destroyed");
    return 1;
  }

  view.begin("destroying");
  const started = Date.now();
  try {
    await engineApply(run, { planFile: planned.planFile, destroy: true });
  } finally {
    const tally = view.end();
    const durationMs = Date.now() - started;
    ctx.note(renderProgressSummary({ tally, operation: "destroy", durationMs }).trimEnd());
  }
  if (ctx.options.json) ctx.out(JSON.stringify({ dir, destroyed: planned.changes }, null, 2));
  return 0;
}
