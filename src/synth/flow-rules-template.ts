import { InternalError } from "../errors/index.js";
import type { PlannedFlowRules } from "../plan/index.js";
import { tfExpr, tfTemplate, type TfExpression, type TfTemplate } from "../terraform/index.js";
import { renderLabRules } from "../zerotier/index.js";
import { identityAddress } from "./zerotier-addresses.js";

// Stands in for the tap's node id, which exists only once Terraform has made the identity.
const TAP_SENTINEL = "\u0000tap-node-id\u0000";

/** The network's rules program, with the tap's node id as a reference to its identity. */
export function flowRulesTemplate(flowRules: PlannedFlowRules): TfTemplate {
  const text = renderLabRules(flowRules, TAP_SENTINEL);
  const pieces = text.split(TAP_SENTINEL);
  if (pieces.length > 1 && flowRules.tap === undefined) {
    throw new InternalError(`flow rules mode ${flowRules.mode} has no tap node`, {
      code: "internal",
    });
  }
  const parts: (string | TfExpression)[] = [];
  pieces.forEach((piece, i) => {
    if (i > 0) parts.push(tfExpr(`${identityAddress(flowRules.tap ?? "")}.id`));
    parts.push(piece);
  });
  return tfTemplate(parts);
}
