import type { CloudKind, FlowRulesMode } from "../config/index.js";

export type NodeRole = "dns" | "tap";

/** One cloud node, resolved: every default applied, every address fixed. */
export interface PlannedNode {
  /** The instance key, e.g. `aws`; also its ZeroTier member name and DNS label. */
  name: string;
  /** 1-based position in the lab file; drives the default addresses. */
  index: number;
  cloud: CloudKind;
  description: string;
  enabled: boolean;
  /** What the lab file said; `auto` is resolved into `enabled` from the credentials present. */
  enabledSetting: boolean | "auto";
  region: string;
  zone: string | undefined;
  size: string;
  /** Image override from the lab file; undefined means the cloud's current Ubuntu LTS lookup. */
  image: string | undefined;
  ip: string;
  podCidr: string;
  /** Host address of the container bridge with its prefix, e.g. 10.42.1.1/24 (Docker's `bip`). */
  bridgeAddress: string;
  routerId: string;
  fqdn: string;
  roles: NodeRole[];
  project: string | undefined;
  compartmentId: string | undefined;
  resourceGroup: string | undefined;
}

export interface PlannedUser {
  key: string;
  username: string;
  sshPublicKey: string;
}

export interface PlannedDevice {
  name: string;
  memberId: string;
  description: string;
  fqdn: string;
}

export interface PlannedFlowRules {
  mode: FlowRulesMode;
  /** Node receiving copied frames; undefined only when no node is enabled. */
  tap: string | undefined;
  dropNonIp: boolean;
}

export interface PlannedNetwork {
  name: string;
  description: string;
  route: string;
  pool: { start: string; end: string };
  assignIpv6: { zerotier: boolean; sixplane: boolean; rfc4193: boolean };
  multicastLimit: number;
  flowRules: PlannedFlowRules;
}

/** The resolved lab: what every later layer works from. */
export interface LabPlan {
  network: PlannedNetwork;
  /** All nodes in lab-file order, enabled or not. */
  nodes: PlannedNode[];
  users: PlannedUser[];
  devices: PlannedDevice[];
  /** The node that runs zeronsd; undefined when no node is enabled. */
  dnsNode: string | undefined;
}
