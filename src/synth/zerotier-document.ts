import type { LabPlan, PlannedNode } from "../plan/index.js";
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import { flowRulesTemplate } from "./flow-rules-template.js";
import { NETWORK } from "./zerotier-addresses.js";

const NETWORK_ID = tfExpr(`${NETWORK}.id`);

/**
 * The lab's ZeroTier resources: network `demolab`, an identity and member per enabled node, a
 * member per device, and the Central token for zeronsd. No `dns` block: zeronsd owns the network's
 * DNS settings and Terraform would fight it on every plan.
 */
export function zerotierDocument(plan: LabPlan, nodes: readonly PlannedNode[]): TfDocument {
  const members: Record<string, TfBody> = {};
  if (plan.devices.length > 0) members.devices = deviceMembers(plan);
  if (nodes.length > 0) members.instances = nodeMembers(nodes);
  return {
    resource: {
      zerotier_network: { demolab: network(plan) },
      ...(nodes.length > 0
        ? { zerotier_identity: { instances: { for_each: nodeMap(nodes) } } }
        : {}),
      ...(Object.keys(members).length > 0 ? { zerotier_member: members } : {}),
      zerotier_token: { this: { name: "demolab" } },
    },
  };
}

// Every argument the provider defaults is written out: its defaults ("Managed by Terraform",
// private, broadcast, multicast 32) would otherwise overwrite what the lab file says.
function network(plan: LabPlan): TfBody {
  const { network } = plan;
  return {
    name: network.name,
    description: network.description,
    private: true,
    enable_broadcast: true,
    multicast_limit: network.multicastLimit,
    assign_ipv4: [{ zerotier: true }],
    assign_ipv6: [
      {
        zerotier: network.assignIpv6.zerotier,
        sixplane: network.assignIpv6.sixplane,
        rfc4193: network.assignIpv6.rfc4193,
      },
    ],
    assignment_pool: [{ start: network.pool.start, end: network.pool.end }],
    route: [{ target: network.route }],
    flow_rules: flowRulesTemplate(network.flowRules),
  };
}

function deviceMembers(plan: LabPlan): TfBody {
  const devices: Record<string, TfBody> = {};
  for (const device of plan.devices) {
    devices[device.name] = { member_id: device.memberId, description: device.description };
  }
  return {
    for_each: devices,
    network_id: NETWORK_ID,
    member_id: tfExpr("each.value.member_id"),
    name: tfExpr("each.key"),
    description: tfExpr("each.value.description"),
    authorized: true,
    hidden: false,
    allow_ethernet_bridging: false,
    no_auto_assign_ips: false,
  };
}

// Nodes keep their fixed address and still allow automatic assignment: ZeroTier hands out the
// 6PLANE and RFC4193 addresses only to members that allow it, and adds no pool address to a
// member that already holds one inside the route.
function nodeMembers(nodes: readonly PlannedNode[]): TfBody {
  return {
    for_each: nodeMap(nodes),
    network_id: NETWORK_ID,
    member_id: tfExpr("zerotier_identity.instances[each.key].id"),
    name: tfExpr("each.key"),
    description: tfExpr("each.value.description"),
    ip_assignments: [tfExpr("each.value.ip_assignment")],
    authorized: true,
    hidden: false,
    allow_ethernet_bridging: false,
    no_auto_assign_ips: false,
  };
}

function nodeMap(nodes: readonly PlannedNode[]): TfBody {
  const map: Record<string, TfBody> = {};
  for (const node of nodes) {
    map[node.name] = { description: node.description, ip_assignment: node.ip };
  }
  return map;
}
