// ZeroTier facts computed locally: the lab's rules program, the rules-language compiler,
// per-member addressing, and the Central API client. No Terraform, no terminal.
export { renderLabRules, describeRulesMode } from "./lab-rules.js";
export { checkLabRules, assertRulesCompile, TAP_ID_PLACEHOLDER } from "./check-lab-rules.js";
export type { CompiledResult } from "./check-lab-rules.js";
export { compileRules, formatRulesDiagnostic } from "./rules/index.js";
export type {
  CompileOptions,
  CompileResult,
  CompiledRules,
  RuleObject,
  CapabilityObject,
  TagObject,
  TagByName,
  RulesDiagnostic,
} from "./rules/index.js";
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
export {
  createCentralClient,
  DEFAULT_CENTRAL_URL,
  DEFAULT_POLICY as DEFAULT_CENTRAL_POLICY,
} from "./central/central-client.js";
export type { CentralClient, CentralClientOptions } from "./central/central-client.js";
export type { RequestPolicy as CentralRequestPolicy } from "./central/central-request.js";
export type { CentralMember, CentralNetwork, CentralStatus } from "./central/central-types.js";
export { memberOnlineState, ONLINE_THRESHOLD_MS } from "./central/member-online.js";
export type { OnlineState } from "./central/member-online.js";
