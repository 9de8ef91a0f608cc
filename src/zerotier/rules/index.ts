// The flow-rules compiler: ZeroTier's rules language to the JSON Central enforces.
export { compileRules } from "./compile-rules.js";
export type { CompileOptions, CompileResult } from "./compile-rules.js";
export type {
  CompiledRules,
  RuleObject,
  CapabilityObject,
  TagObject,
  TagByName,
} from "./compile-state.js";
export type { RulesDiagnostic } from "./rules-diagnostic.js";
export { formatRulesDiagnostic } from "./format-diagnostic.js";
