// `ztlab rules show`: the lab's rules program and its mode in one line.
import type { LabPlan } from "../../plan/index.js";
import { describeRulesMode, renderLabRules } from "../../zerotier/index.js";
import type { CliContext } from "../cli-context.js";

export async function showLabRules(ctx: CliContext): Promise<void> {
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { plan } = await loadLabAndPlan(ctx);
  const view = labRulesView(plan);
  if (ctx.options.json) {
    ctx.out(JSON.stringify(view, null, 2));
    return;
  }
  ctx.out(`${view.rules}\n${view.meaning}`);
}

export interface LabRulesView {
  mode: string;
  tap: string | undefined;
  dropNonIp: boolean;
  /** The program, with `<node>` where the tap's node id goes until Terraform has made it. */
  rules: string;
  meaning: string;
}

export function labRulesView(plan: LabPlan): LabRulesView {
  const { flowRules } = plan.network;
  const tap = plan.nodes.find((node) => node.name === flowRules.tap);
  const label = tap === undefined ? "no node" : `${tap.name} (${tap.ip})`;
  return {
    mode: flowRules.mode,
    tap: flowRules.tap,
    dropNonIp: flowRules.dropNonIp,
    rules: renderLabRules(flowRules, `<${flowRules.tap ?? "tap"}>`),
    meaning: describeRulesMode(flowRules, label),
  };
}
