// `ztlab rules show`: the lab's rules program on stdout (ready for `rules check -`), and what its
// flow-rules mode does on stderr.
import type { LabPlan } from "../../plan/index.js";
import { describeRulesMode, renderLabRules, TAP_ID_PLACEHOLDER } from "../../zerotier/index.js";
import type { CliContext } from "../cli-context.js";

export async function showLabRules(ctx: CliContext): Promise<void> {
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { plan } = await loadLabAndPlan(ctx);
  const view = labRulesView(plan);
  if (ctx.options.json) {
    const { mode, tap, dropNonIp, program, meaning } = view;
    const shown = { mode, tap: tap ?? null, drop_non_ip: dropNonIp, rules: program, meaning };
    ctx.out(JSON.stringify(shown, null, 2));
    return;
  }
  ctx.stdout.write(view.program);
  ctx.note(view.meaning);
}

export interface LabRulesView {
  mode: string;
  tap: string | undefined;
  dropNonIp: boolean;
  /** The program for reading, with `<node>` where the tap's node id goes. */
  rules: string;
  /**
   * The program as it compiles, with a stand-in id (0000000000) for the tap's node id, which
   * exists only once Terraform has made the identity, and a comment saying so.
   */
  program: string;
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
    program: labRulesProgram(plan),
    meaning: describeRulesMode(flowRules, label),
  };
}

/** The lab's rules program as synth sends it, with the stand-in tap id and a comment about it. */
export function labRulesProgram(plan: Pick<LabPlan, "network">): string {
  const { flowRules } = plan.network;
  const program = renderLabRules(flowRules, TAP_ID_PLACEHOLDER);
  if (flowRules.mode === "off") return program;
  const tap = flowRules.tap ?? "tap";
  return `# tap: ${tap} (node id known after apply; ${TAP_ID_PLACEHOLDER} stands in)\n${program}`;
}
