import { abbreviate } from "./abbreviate.js";
import type { RulesToken } from "./rules-tree.js";

/** A problem in a rules program, at a 1-based line and column. */
export interface RulesDiagnostic {
  severity: "error" | "warning";
  /** Stable kebab-case name of the problem, e.g. `unknown-match`. */
  code: string;
  message: string;
  hint?: string;
  line: number;
  column: number;
  /** Characters to underline, at least 1. */
  length: number;
  /**
   * The line ZeroTier's own compiler reports for the same program, when it differs in how it
   * counts (a CR inside a comment is a line there), or 0 where it fails with an internal exception.
   */
  referenceLine: number;
}

/** Raised inside the compiler to abandon one statement; never leaves compileRules. */
export class RulesFailure extends Error {
  readonly diagnostic: RulesDiagnostic;

  constructor(diagnostic: RulesDiagnostic) {
    super(diagnostic.message);
    this.diagnostic = diagnostic;
  }
}

export interface DiagnosticDetails {
  code: string;
  message: string;
  hint?: string;
  /** Overrides the reference line, e.g. 0 where ZeroTier's compiler throws internally. */
  referenceLine?: number;
}

export function diagnosticAt(
  severity: RulesDiagnostic["severity"],
  token: RulesToken,
  { code, message, hint, referenceLine }: DiagnosticDetails,
): RulesDiagnostic {
  // A huge stray word would otherwise be quoted whole.
  const quoted =
    token.text.length > 40 ? message.split(token.text).join(abbreviate(token.text)) : message;
  return {
    severity,
    code,
    message: quoted,
    ...(hint === undefined ? {} : { hint }),
    line: token.line,
    column: token.column,
    length: Math.max(1, token.text.length),
    referenceLine: referenceLine ?? token.referenceLine,
  };
}

/** Stops the current statement with an error at `token`. */
export function failAt(token: RulesToken, details: DiagnosticDetails): never {
  throw new RulesFailure(diagnosticAt("error", token, details));
}
