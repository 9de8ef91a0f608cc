import { InputError } from "../errors/index.js";
import type { PlannedNode, PlannedUser } from "../plan/index.js";

/** Inbound openings every node's cloud firewall gets, in both address families. */
export const INBOUND_PORTS = [
  { name: "zerotier", protocol: "udp", port: 9993 },
  // `ztlab check` logs in over SSH to verify the node from the operator's machine.
  { name: "ssh", protocol: "tcp", port: 22 },
] as const;

export type InboundPort = (typeof INBOUND_PORTS)[number];

export const ANY_IPV4 = "0.0.0.0/0";
export const ANY_IPV6 = "::/0";

/**
 * Private address plan of the per-node cloud network. Chosen outside the lab's defaults
 * (10.0.0.0/16 for ZeroTier, 10.42.0.0/16 for containers) and Docker's 172.17.0.0/16.
 */
export const CLOUD_NETWORK = { cidr: "192.168.0.0/16", subnet: "192.168.1.0/24" } as const;

/** A lab-file value this cloud cannot do without; names the field when it is missing. */
export function requireNodeSetting(
  node: PlannedNode,
  field: "project" | "compartment_id" | "resource_group",
  value: string | undefined,
  what: string,
): string {
  if (value !== undefined) return value;
  throw new InputError(`instances.${node.name}.${field}: is required on ${node.cloud} (${what})`, {
    code: "missing-cloud-setting",
    hint: `add ${field}: to instances.${node.name} in the lab file`,
  });
}

/** The lab's users, at least one, for clouds that refuse a VM without an SSH key. */
export function requireUsers(node: PlannedNode, users: readonly PlannedUser[]): PlannedUser[] {
  if (users.length > 0) return [...users];
  throw new InputError(`users: ${node.cloud} needs at least one user with an SSH key`, {
    code: "missing-ssh-key",
    hint: `add a user to the lab, or disable instances.${node.name}`,
  });
}

/** The node's zone when it lies in the node's region; the plan's default zone may not. */
export function zoneInRegion(node: PlannedNode): string | undefined {
  return node.zone?.startsWith(node.region) ? node.zone : undefined;
}
