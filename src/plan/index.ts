// The resolved lab: nodes with their clouds, addresses, names and roles.
// Pure: no files, no network, no terminal; conflicts become one ValidationError.
export { resolvePlan } from "./resolve-plan.js";
export type { ResolveOptions } from "./resolve-plan.js";
export type {
  LabPlan,
  PlannedNode,
  PlannedUser,
  PlannedDevice,
  PlannedNetwork,
  PlannedFlowRules,
  NodeRole,
} from "./lab-plan.js";
export { CLOUD_DEFAULTS } from "./cloud-defaults.js";
export type { CloudDefaults } from "./cloud-defaults.js";
export {
  parseIpv4,
  formatIpv4,
  parseIpv4Cidr,
  formatIpv4Cidr,
  rangeContains,
  rangesOverlap,
} from "./ipv4.js";
export type { Ipv4Cidr, Ipv4Range } from "./ipv4.js";
