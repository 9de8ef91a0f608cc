// `ztlab status`: Central's members placed against the lab (nodes, devices, strangers).
import type { LabPlan } from "../../plan/index.js";
import type { LabOutputs } from "../../checks/index.js";
import {
  memberAddressing,
  memberOnlineState,
  type CentralMember,
  type CentralNetwork,
  type OnlineState,
} from "../../zerotier/index.js";
import { renderTable } from "../table.js";

export type MemberRole = "node" | "device" | "unknown";

export interface StatusRow {
  name: string;
  role: MemberRole;
  nodeId: string;
  /** Undefined for a lab member Central does not list at all. */
  authorized: boolean | undefined;
  online: OnlineState | "missing";
  lastSeen: number | undefined;
  physicalAddress: string | undefined;
  clientVersion: string | undefined;
  ips: string[];
  sixplane: string | undefined;
  rfc4193: string | undefined;
}

export interface StatusView {
  network: { id: string; name: string; rulesMode: string; tap: string | undefined };
  rows: StatusRow[];
  now: number;
}

/** Lab nodes first (lab order), then devices, then members the lab does not know. */
export function buildStatusView({
  networkId,
  network,
  members,
  plan,
  outputs,
  now,
}: {
  networkId: string;
  network: CentralNetwork;
  members: readonly CentralMember[];
  plan: LabPlan;
  outputs: LabOutputs | undefined;
  now: number;
}): StatusView {
  const expected = expectedMembers(plan, outputs);
  const v6 = network.config?.v6AssignMode;
  const row = (member: CentralMember | undefined, nodeId: string, name: string, role: MemberRole) =>
    toRow({
      networkId,
      member,
      nodeId,
      name,
      role,
      now,
      sixplane: v6?.["6plane"] !== false,
      rfc4193: v6?.rfc4193 !== false,
    });
  const byId = new Map(members.map((member) => [member.nodeId, member]));
  const known = new Set<string>();
  const rows: StatusRow[] = [];
  for (const entry of expected) {
    const member =
      entry.nodeId === undefined ? findByName(members, entry.name) : byId.get(entry.nodeId);
    const nodeId = member?.nodeId ?? entry.nodeId;
    if (nodeId === undefined) continue;
    known.add(nodeId);
    rows.push(row(member, nodeId, entry.name, entry.role));
  }
  const strangers = members
    .filter((member) => !known.has(member.nodeId))
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.nodeId.localeCompare(b.nodeId));
  for (const member of strangers)
    rows.push(row(member, member.nodeId, member.name || "-", "unknown"));
  const tapId = /^\s*(?:tee|watch)\s+-?\d+\s+([0-9a-f]{10})/m.exec(network.rulesSource ?? "")?.[1];
  return {
    network: {
      id: networkId,
      name: network.config?.name ?? "",
      rulesMode: rulesModeOf(network.rulesSource ?? ""),
      tap: tapId === undefined ? undefined : (rows.find((r) => r.nodeId === tapId)?.name ?? tapId),
    },
    rows,
    now,
  };
}

export function renderStatus(view: StatusView): string {
  const { network, rows } = view;
  const online = rows.filter((row) => row.online === "online").length;
  const tap = network.tap === undefined ? "" : ` (tap ${network.tap})`;
  const head =
    `network ${network.id}  ${network.name || "(no name)"}  rules ${network.rulesMode}${tap}` +
    `  members ${rows.filter((r) => r.online !== "missing").length}, ${online} online\n\n`;
  const table = renderTable(rows, [
    { header: "NAME", value: (r) => r.name },
    { header: "ROLE", value: (r) => (r.role === "unknown" ? "UNKNOWN" : r.role) },
    { header: "NODE ID", value: (r) => r.nodeId },
    {
      header: "AUTH",
      value: (r) => (r.authorized === undefined ? "-" : r.authorized ? "yes" : "NO"),
    },
    { header: "ONLINE", value: (r) => onlineText(r.online) },
    { header: "LAST SEEN", value: (r) => formatAgo(r.lastSeen, view.now) },
    { header: "PHYSICAL", value: (r) => r.physicalAddress ?? "-" },
    { header: "VERSION", value: (r) => r.clientVersion ?? "-" },
    { header: "ZEROTIER IPS", value: (r) => r.ips.join(",") || "-" },
    { header: "6PLANE", value: (r) => r.sixplane ?? "-" },
    { header: "RFC4193", value: (r) => r.rfc4193 ?? "-" },
  ]);
  const strangers = rows.filter((row) => row.role === "unknown").length;
  const notes = strangers === 0 ? "" : `\n${strangers} member(s) not in the lab file (UNKNOWN)\n`;
  return head + table + notes;
}

export function statusJson(view: StatusView) {
  return { network: view.network, members: view.rows, at: new Date(view.now).toISOString() };
}

/** "12s ago", "5m ago", "3h ago", "2d ago"; "never" for no time. */
export function formatAgo(time: number | undefined, now: number): string {
  if (time === undefined || time <= 0) return "never";
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

function rulesModeOf(source: string): string {
  if (/^\s*tee\s/m.test(source)) return "tee";
  if (/^\s*watch\s/m.test(source)) return "watch";
  return "off";
}

function onlineText(state: StatusRow["online"]): string {
  // A member never seen is simply not online; LAST SEEN beside it already says "never".
  if (state === "missing") return "NOT IN CENTRAL";
  return state === "online" ? "yes" : "no";
}

interface Expected {
  name: string;
  role: MemberRole;
  nodeId: string | undefined;
}

function expectedMembers(plan: LabPlan, outputs: LabOutputs | undefined): Expected[] {
  const nodes = plan.nodes
    .filter((node) => node.enabled)
    .map((node) => ({
      name: node.name,
      role: "node" as const,
      nodeId: outputs?.identities[node.name] ?? outputs?.nodes[node.name]?.nodeId,
    }));
  const devices = plan.devices.map((device) => ({
    name: device.name,
    role: "device" as const,
    nodeId: device.memberId,
  }));
  return [...nodes, ...devices];
}

// LIMITATION(#6): without Terraform outputs (`--network` alone) a node's id is unknown, so the
// member name the lab sets in Central stands in; a member renamed by hand then shows as UNKNOWN.
function findByName(members: readonly CentralMember[], name: string): CentralMember | undefined {
  return members.find((member) => member.name === name);
}

function toRow({
  networkId,
  member,
  nodeId,
  name,
  role,
  now,
  sixplane,
  rfc4193,
}: {
  networkId: string;
  member: CentralMember | undefined;
  nodeId: string;
  name: string;
  role: MemberRole;
  now: number;
  sixplane: boolean;
  rfc4193: boolean;
}): StatusRow {
  const addressing = memberAddressing(networkId, nodeId);
  return {
    name,
    role,
    nodeId,
    authorized: member === undefined ? undefined : member.config?.authorized === true,
    online: member === undefined ? "missing" : memberOnlineState(member, { now }),
    lastSeen: member?.lastSeen ?? undefined,
    physicalAddress: member?.physicalAddress ?? undefined,
    clientVersion: member?.clientVersion ?? undefined,
    ips: member?.config?.ipAssignments ?? [],
    sixplane: sixplane ? addressing.sixplane : undefined,
    rfc4193: rfc4193 ? addressing.rfc4193 : undefined,
  };
}
