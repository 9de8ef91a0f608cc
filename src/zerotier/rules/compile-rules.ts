// ZeroTier's flow-rules language, compiled locally with the result ZeroTier's own compiler gives
// (rule-compiler.js, behaviour documented in shared/reference/flow-rules/README.md).
import { CompileState, MAX_DIAGNOSTICS, type CompiledRules } from "./compile-state.js";
import { defineCapability } from "./define-capability.js";
import { defineMacro } from "./define-macro.js";
import { defineTag } from "./define-tag.js";
import { diagnosticAt, RulesFailure, type RulesDiagnostic } from "./rules-diagnostic.js";
import { abbreviate } from "./abbreviate.js";
import { readRulesTree, type RulesBlock, type RulesTree } from "./rules-tree.js";
import { renderRuleStatement } from "./render-rule-list.js";
import { splitStatements, type RulesStatement } from "./rule-statements.js";

export interface CompileOptions {
  /** Treat every warning as an error. */
  strict?: boolean;
}

export type CompileResult =
  | { ok: true; program: CompiledRules; warnings: RulesDiagnostic[] }
  | { ok: false; errors: RulesDiagnostic[]; warnings: RulesDiagnostic[] };

/** Compiles a rules program; never throws, whatever the input. */
export function compileRules(
  source: string,
  { strict = false }: CompileOptions = {},
): CompileResult {
  const state = new CompileState();
  const errors: RulesDiagnostic[] = [];
  try {
    const tree = readRulesTree(source);
    compileStatements(tree, state, errors);
    noteStructure(tree, state);
  } catch (error) {
    errors.push(internalDiagnostic(error));
  }

  const warnings = [...state.warnings].sort(byPosition);
  if (strict && warnings.length > 0) {
    const promoted = warnings.map((w) => ({ ...w, severity: "error" as const }));
    return { ok: false, errors: [...errors, ...promoted].sort(byPosition), warnings: [] };
  }
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, program: state.output, warnings };
}

function compileStatements(tree: RulesTree, state: CompileState, errors: RulesDiagnostic[]): void {
  let skippingUnknown = false;
  for (const statement of splitStatements(tree.items)) {
    if (errors.length >= MAX_DIAGNOSTICS) {
      errors.push(
        diagnosticAt("error", statement.keyword, {
          code: "too-many-errors",
          message: `stopped after ${MAX_DIAGNOSTICS} errors`,
        }),
      );
      break;
    }
    if (skippingUnknown && isLeftover(statement)) continue;
    try {
      if (statement.word === "tag" && statement.block !== undefined) {
        defineTag(statement, state);
      } else if (statement.word === "cap" && statement.block !== undefined) {
        defineCapability(statement, state);
      } else if (statement.word === "macro" && statement.block !== undefined) {
        defineMacro(statement, state);
      } else {
        const ctx = { state, scope: new Map<string, string>(), expanding: [] };
        state.output.config.rules.push(...renderRuleStatement(statement, ctx));
      }
      skippingUnknown = false;
    } catch (error) {
      if (!(error instanceof RulesFailure)) throw error;
      // After one unknown word, the words that follow it are its leftovers, not new mistakes.
      const isUnknown = error.diagnostic.code === "unknown-directive";
      if (!(isUnknown && skippingUnknown)) errors.push(error.diagnostic);
      skippingUnknown = isUnknown;
      // Past an expansion limit every later statement would fail the same way.
      if (LIMIT_CODES.has(error.diagnostic.code)) break;
    }
  }
}

function isLeftover({ word, block, isOrphan }: RulesStatement): boolean {
  return block === undefined && isOrphan !== true && !STATEMENT_WORDS.has(word);
}

const LIMIT_CODES = new Set(["too-many-rules", "too-many-includes", "macro-depth"]);

function noteStructure(tree: RulesTree, state: CompileState): void {
  for (const note of tree.notes) {
    if (note.kind === "dropped-at-end") {
      noteDroppedAtEnd(note.block, state);
    } else {
      state.warn(note.closer, {
        code: "statement-left-block",
        message:
          `"${note.closer.text};" ends the ${note.opener.text} that starts on line ` +
          `${note.opener.line}; what follows up to line ${note.end.line} goes to the base rules`,
        hint: `a rule without matches closes the ${note.opener.text}: make it its last rule`,
      });
    }
  }
}

const STATEMENT_WORDS = new Set([
  "accept",
  "drop",
  "break",
  "tee",
  "watch",
  "redirect",
  "include",
  "cap",
  "tag",
  "macro",
]);

// A block still open at the end is dropped by ZeroTier's compiler. After a bare `accept;` the
// dropped words are the statements that follow it, so those are what the warning points at.
function noteDroppedAtEnd({ opener, items }: RulesBlock, state: CompileState): void {
  const first = items[0];
  const bare = opener.length > opener.text.length;
  if (!bare || first?.kind !== "token") {
    state.warn(opener, {
      code: "unterminated-statement",
      message: `"${opener.text}" has no closing ";" and ZeroTier's compiler drops its body`,
      hint: 'end the statement with ";"',
    });
    return;
  }
  const words = items.map((item) => (item.kind === "token" ? item.text : item.opener.text));
  const unknown = STATEMENT_WORDS.has(first.text.toLowerCase())
    ? ""
    : `; "${abbreviate(first.text)}" is not an action or directive`;
  state.warn(first, {
    code: "unterminated-statement",
    message:
      `"${abbreviate(words.join(" "))}" after "${opener.text};" has no closing ";" and ` +
      `ZeroTier's compiler drops it${unknown}`,
    hint: `"${opener.text};" without matches must be the last statement`,
  });
}

function internalDiagnostic(error: unknown): RulesDiagnostic {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const where = {
    kind: "token",
    text: "",
    line: 1,
    column: 1,
    length: 1,
    referenceLine: 0,
  } as const;
  return diagnosticAt("error", where, {
    code: "internal",
    message: `internal compiler error: ${text}`,
    referenceLine: 0,
  });
}

function byPosition(a: RulesDiagnostic, b: RulesDiagnostic): number {
  return a.line - b.line || a.column - b.column;
}
