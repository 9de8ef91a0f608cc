// A rule's match list: `not`/`or` flag the next match, `and` is a no-op, every match is emitted
// before its action (shared/reference/flow-rules/README.md, "Output shape").
import type { CompileState, RuleObject } from "./compile-state.js";
import { MATCHES } from "./match-table.js";
import { failAt, type DiagnosticDetails } from "./rules-diagnostic.js";
import type { ValueSite } from "./rules-numbers.js";
import type { RulesItem, RulesToken } from "./rules-tree.js";

/** Macro parameters in scope (`$port` -> `22`); empty outside a macro. */
export type MacroScope = ReadonlyMap<string, string>;

const ACTIONS = new Set(["accept", "drop", "break", "tee", "watch", "redirect", "priority"]);

// ZeroTier's compiler refuses a match keyword or a connective where an argument belongs.
const RESERVED = new Set([...Object.keys(MATCHES), "not", "or", "and"]);

export function renderMatches(
  items: readonly RulesItem[],
  { state, scope }: { state: CompileState; scope: MacroScope },
): RuleObject[] {
  const rules: RuleObject[] = [];
  let not = false;
  let or = false;
  let pending: RulesToken | undefined;
  for (let i = 0; i < items.length; i++) {
    const keyword = tokenAt(items, i);
    const word = keyword.text.toLowerCase();
    if (word === "not" || word === "or" || word === "and") {
      if (word === "not") not = true;
      if (word === "or") or = true;
      pending = word === "and" ? pending : keyword;
      continue;
    }
    const spec = Object.hasOwn(MATCHES, word) ? MATCHES[word] : undefined;
    if (spec === undefined) failAt(keyword, unknownMatch(keyword, i));

    const args = readArguments(items, i, spec.arity, keyword).map((token) =>
      substitute(token, { state, scope }),
    );
    const { type, fields } = spec.render(args);
    rules.push({ type, not, or, ...fields });
    not = false;
    or = false;
    pending = undefined;
    i += spec.arity;
  }
  if (pending !== undefined) {
    state.warn(pending, {
      code: "dangling-connective",
      message: `"${pending.text}" is not followed by a match and has no effect`,
    });
  }
  return rules;
}

/** A block in a match list follows a block keyword, which is never a match: report that word. */
function tokenAt(items: readonly RulesItem[], index: number): RulesToken {
  const item = items[index];
  if (item?.kind === "token") return item;
  const opener = item?.opener;
  if (opener === undefined) throw new RangeError("match list index out of range");
  return failAt(opener, { code: "unknown-match", message: `unexpected "${opener.text}"` });
}

function readArguments(
  items: readonly RulesItem[],
  index: number,
  arity: number,
  keyword: RulesToken,
): RulesToken[] {
  const args: RulesToken[] = [];
  for (let n = 1; n <= arity; n++) {
    const item = items[index + n];
    const reserved = item?.kind === "token" && RESERVED.has(item.text.toLowerCase());
    if (item === undefined || item.kind === "block" || reserved) {
      const got = item?.kind === "token" ? `; "${item.text}" is a keyword, not a value` : "";
      failAt(keyword, {
        code: "missing-argument",
        message: `${keyword.text.toLowerCase()} takes ${plural(arity, "argument")}${got}`,
        ...(item?.kind === "token" && item.text.toLowerCase() === "icmp"
          ? { hint: "for the ICMP protocol write icmp4 (or icmpv4, or 1)" }
          : {}),
      });
    }
    args.push(item);
  }
  return args;
}

function substitute(
  token: RulesToken,
  { state, scope }: { state: CompileState; scope: MacroScope },
): ValueSite {
  if (!token.text.startsWith("$")) return { token, text: token.text, state };
  const value = scope.get(token.text);
  if (value === undefined) {
    const lower = scope.has(token.text.toLowerCase());
    failAt(token, {
      code: "undefined-variable",
      message: `"${token.text}" is not a parameter of the macro being included`,
      ...(lower
        ? { hint: `parameter names are lowercase where used: write "${token.text.toLowerCase()}"` }
        : {}),
    });
  }
  return { token, text: value, state };
}

function unknownMatch(keyword: RulesToken, index: number): DiagnosticDetails {
  const word = keyword.text.toLowerCase();
  if (!ACTIONS.has(word)) {
    return { code: "unknown-match", message: `"${keyword.text}" is not a match keyword` };
  }
  if (index > 0) {
    return {
      code: "unknown-match",
      message: `"${keyword.text}" is not a match: is a \`;\` missing before it?`,
    };
  }
  return {
    code: "unknown-match",
    message: `"${keyword.text}" is not a match: the rule before it is still open`,
    hint:
      "ZeroTier closes a rule only at a `;` that follows a match or argument, so a rule\n" +
      "without matches (`accept;`) can only be the last statement",
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
