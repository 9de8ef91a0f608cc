import type { LabPlan, PlannedNode } from "../../plan/index.js";
import { renderTable } from "../table.js";

export function renderPlan(plan: LabPlan): string {
  const { network } = plan;
  const enabled = plan.nodes.filter((node) => node.enabled).length;
  const head =
    `network ${network.name}  route ${network.route}  pool ${network.pool.start}-${network.pool.end}` +
    `  rules ${network.flowRules.mode}${network.flowRules.tap ? ` (tap ${network.flowRules.tap})` : ""}\n` +
    `${enabled} of ${plan.nodes.length} nodes enabled\n\n`;
  const nodes = renderTable(plan.nodes, [
    { header: "NODE", value: (n) => n.name },
    { header: "CLOUD", value: (n) => n.cloud },
    { header: "REGION", value: (n) => (n.zone ? `${n.region} (${n.zone})` : n.region) },
    { header: "SIZE", value: (n) => n.size },
    { header: "ENABLED", value: enabledText },
    { header: "ZEROTIER IP", value: (n) => n.ip },
    { header: "CONTAINERS", value: (n) => n.podCidr },
    { header: "ROUTER ID", value: (n) => n.routerId },
    { header: "DNS NAME", value: (n) => n.fqdn },
    { header: "ROLE", value: (n) => n.roles.join(",") || "-" },
  ]);
  const devices =
    plan.devices.length === 0
      ? "no devices\n"
      : renderTable(plan.devices, [
          { header: "DEVICE", value: (d) => d.name },
          { header: "MEMBER ID", value: (d) => d.memberId },
          { header: "DNS NAME", value: (d) => d.fqdn },
          { header: "DESCRIPTION", value: (d) => d.description },
        ]);
  const users =
    plan.users.length === 0
      ? "no users\n"
      : renderTable(plan.users, [
          { header: "USER", value: (u) => u.username },
          { header: "SSH KEY", value: (u) => describeKey(u.sshPublicKey) },
        ]);
  return `${head}${nodes}\n${devices}\n${users}`;
}

/**
 * The `--json` shape of `ztlab plan`: snake_case keys like the lab file, nodes in lab-file order.
 * Built field by field so internal renames never change what scripts read.
 */
export function planJson(plan: LabPlan) {
  const { network } = plan;
  return {
    network: {
      name: network.name,
      description: network.description,
      route: network.route,
      assignment_pool: { start: network.pool.start, end: network.pool.end },
      assign_ipv6: {
        zerotier: network.assignIpv6.zerotier,
        sixplane: network.assignIpv6.sixplane,
        rfc4193: network.assignIpv6.rfc4193,
      },
      multicast_limit: network.multicastLimit,
      flow_rules: {
        mode: network.flowRules.mode,
        tap: network.flowRules.tap ?? null,
        drop_non_ip: network.flowRules.dropNonIp,
      },
    },
    dns_node: plan.dnsNode ?? null,
    nodes: plan.nodes.map((node) => ({
      name: node.name,
      cloud: node.cloud,
      enabled: node.enabled,
      enabled_setting: node.enabledSetting,
      region: node.region,
      zone: node.zone ?? null,
      size: node.size,
      image: node.image ?? null,
      ip: node.ip,
      pod_cidr: node.podCidr,
      router_id: node.routerId,
      fqdn: node.fqdn,
      roles: node.roles,
    })),
    devices: plan.devices.map((d) => ({
      name: d.name,
      member_id: d.memberId,
      description: d.description,
      fqdn: d.fqdn,
    })),
    users: plan.users.map((u) => ({
      key: u.key,
      username: u.username,
      ssh_pubkey: u.sshPublicKey,
    })),
  };
}

function enabledText(node: PlannedNode): string {
  if (node.enabledSetting === "auto") return node.enabled ? "auto (yes)" : "auto (no)";
  return node.enabled ? "yes" : "no";
}

// Type and comment only: the key itself is public, but a table has no room for it.
function describeKey(key: string): string {
  const [type, , ...comment] = key.split(/\s+/);
  return [type, comment.join(" ")].filter(Boolean).join(" ");
}
