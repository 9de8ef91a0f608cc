import type { PlannedFlowRules } from "../plan/index.js";

// Frames that are neither IPv4, ARP nor IPv6 are dropped first; ARP stays allowed so IPv4 works.
const DROP_NON_IP = "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;";

/**
 * The lab's rules program for its flow-rules mode, with `tapNodeId` as the tap's 10-hex node id.
 * Always ends with a newline so Central's stored text matches and plans show no drift.
 */
export function renderLabRules(
  flowRules: Pick<PlannedFlowRules, "mode" | "dropNonIp">,
  tapNodeId: string,
): string {
  const lines: string[] = [];
  if (flowRules.dropNonIp) lines.push(DROP_NON_IP);
  if (flowRules.mode === "tee") lines.push(`tee -1 ${tapNodeId};`);
  if (flowRules.mode === "watch") lines.push(`watch -1 ${tapNodeId} chr inbound;`);
  lines.push("accept;");
  return lines.join("\n") + "\n";
}

/** One line saying what a mode does, e.g. for `ztlab rules show`. */
export function describeRulesMode(flowRules: PlannedFlowRules, tapLabel: string): string {
  const tail = flowRules.dropNonIp ? "; frames other than IPv4, ARP and IPv6 are dropped" : "";
  if (flowRules.mode === "tee")
    return `tee: every frame of every member is copied to ${tapLabel}${tail}`;
  if (flowRules.mode === "watch")
    return `watch: inbound frames of every member are copied to ${tapLabel}${tail}`;
  return `off: all traffic is accepted, nothing is copied${tail}`;
}
