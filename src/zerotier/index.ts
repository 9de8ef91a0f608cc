// ZeroTier facts computed locally: the lab's rules program, the rules-language compiler,
// per-member addressing, and the Central API client. No Terraform, no terminal.
export { renderLabRules, describeRulesMode } from "./lab-rules.js";
export {
  memberAddressing,
  interfaceName,
  sixplaneContainerAddress,
  dockerMacOf,
  formatIpv6,
  isNetworkId,
  isNodeId,
} from "./addressing.js";
export type { MemberAddressing } from "./addressing.js";
