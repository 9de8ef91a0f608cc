import { InputError } from "../errors/index.js";
import type { LabPlan } from "../plan/index.js";
import { renderLabRules } from "./lab-rules.js";
import { compileRules, type CompileResult } from "./rules/compile-rules.js";
import { formatRulesDiagnostic } from "./rules/format-diagnostic.js";

/** Stands in for the tap's node id, which exists only once Terraform has made the identity. */
export const TAP_ID_PLACEHOLDER = "0000000000";

export type CompiledResult = Extract<CompileResult, { ok: true }>;

/**
 * Compiles the lab's rules program (its mode and template) before anything is applied.
 * Throws InputError with the compiler's excerpts when ZeroTier would reject or misread it.
 */
export function checkLabRules(plan: Pick<LabPlan, "network">): CompiledResult {
  const source = renderLabRules(plan.network.flowRules, TAP_ID_PLACEHOLDER);
  return assertRulesCompile(source, { fileName: "network.flow_rules" });
}

/** Compiles strictly (warnings fail too); throws InputError listing every problem with its line. */
export function assertRulesCompile(
  source: string,
  { fileName }: { fileName: string },
): CompiledResult {
  const result = compileRules(source, { strict: true });
  if (result.ok) return result;
  const count = result.errors.length;
  return failWith(`${fileName}: the rules program has ${count} problem${count > 1 ? "s" : ""}`, {
    details: result.errors.flatMap((error) =>
      formatRulesDiagnostic(error, { source, fileName }).split("\n"),
    ),
  });
}

function failWith(message: string, { details }: { details: string[] }): never {
  throw new InputError(message, { code: "invalid-flow-rules", details });
}
