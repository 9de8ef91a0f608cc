// Rule lists (the base set, a capability's rules, a macro's body): actions with their matches,
// and `include` of macros.
import { readTarget } from "./rules-addresses.js";
import { lookupName } from "./rules-names.js";
import type { CompileState, RuleObject } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import { readLenientInteger } from "./rules-numbers.js";
import { renderMatches, type MacroScope } from "./render-matches.js";
import type { RulesItem, RulesToken } from "./rules-tree.js";
import { splitCall, splitStatements, type RulesStatement } from "./rule-statements.js";

export interface ListContext {
  state: CompileState;
  scope: MacroScope;
  /** Macros being expanded, innermost last, to stop a macro that includes itself. */
  expanding: readonly string[];
  /** The top-level `include` being expanded, where expansion limits are reported. */
  origin?: RulesToken;
}

const SIMPLE_ACTIONS: Readonly<Record<string, string>> = {
  accept: "ACTION_ACCEPT",
  drop: "ACTION_DROP",
  break: "ACTION_BREAK",
};

// ZeroTier's compiler has no such limits; it overflows its stack or runs out of memory instead.
// A network takes at most 1024 base rules plus 64 for each of up to 128 capabilities (9216 in
// all), so no program that ZeroTier could enforce comes near these.
export const MAX_MACRO_DEPTH = 32;
export const MAX_RULE_ENTRIES = 10_000;
export const MAX_MACRO_INCLUDES = 10_000;

export function renderRuleList(items: readonly RulesItem[], ctx: ListContext): RuleObject[] {
  return splitStatements(items).flatMap((statement) => renderRuleStatement(statement, ctx));
}

/** One action or `include` of a rule list; anything else is an error. */
export function renderRuleStatement(statement: RulesStatement, ctx: ListContext): RuleObject[] {
  const { word, keyword } = statement;
  if (statement.isOrphan === true) {
    failAt(keyword, { code: "unknown-directive", message: `unexpected "${keyword.text}" block` });
  }
  if (word === "include") return expandMacro(statement, ctx);
  return countEntries(renderAction(statement, ctx), statement, ctx);
}

function renderAction(statement: RulesStatement, ctx: ListContext): RuleObject[] {
  const { word, keyword, block } = statement;
  const simple = lookupName(SIMPLE_ACTIONS, word);
  if (simple !== undefined) {
    return [...renderMatches(block?.items ?? [], ctx), { type: simple }];
  }
  if (word === "tee" || word === "watch") return renderCopy(statement, ctx);
  if (word === "redirect") return renderRedirect(statement, ctx);
  return failAt(keyword, unknownDirective(keyword));
}

function countEntries(rules: RuleObject[], { keyword }: RulesStatement, ctx: ListContext) {
  const { expansion } = ctx.state;
  expansion.entries += rules.length;
  if (expansion.entries > MAX_RULE_ENTRIES) {
    failAt(ctx.origin ?? keyword, {
      code: "too-many-rules",
      message:
        `the program ${ctx.origin === undefined ? "has" : "expands to"} more than ` +
        `${MAX_RULE_ENTRIES} rule entries; ZeroTier enforces at most 1024 base rules ` +
        "plus 64 per capability",
      referenceLine: 0,
    });
  }
  return rules;
}

function renderCopy({ word, keyword, block }: RulesStatement, ctx: ListContext): RuleObject[] {
  if (block === undefined) {
    failAt(keyword, {
      code: "missing-parameters",
      message: `${word} takes two parameters: a length (-1 or 0 for all) and a target node id`,
      hint: `e.g. "${word} -1 8bd5124fd6;"`,
    });
  }
  const [lengthItem, targetItem] = block.items;
  if (lengthItem?.kind !== "token" || targetItem?.kind !== "token") {
    // ZeroTier's compiler throws an internal exception here (README, behaviour 9).
    failAt(keyword, {
      code: "missing-parameters",
      message: `${word} takes two parameters: a length (-1 or 0 for all) and a target node id`,
      hint: `e.g. "${word} -1 8bd5124fd6;"`,
      referenceLine: 0,
    });
  }
  const site = { token: lengthItem, text: lengthItem.text, state: ctx.state };
  let length = readLenientInteger(site, `${word} length`);
  if (Number.isNaN(length)) {
    ctx.state.warn(lengthItem, {
      code: "lenient-number",
      message: `${word} length "${lengthItem.text}" is not a number and becomes -1 (whole frames)`,
    });
    length = -1;
  }
  if (length < -1 || length > 65535) {
    failAt(lengthItem, {
      code: "invalid-length",
      message: `${word} length must be -1 to 65535 (-1 and 0 copy whole frames), got ${length}`,
    });
  }
  const address = readTarget({ token: targetItem, text: targetItem.text, state: ctx.state }, word);
  const matches = renderMatches(block.items.slice(2), ctx);
  return [...matches, { type: word === "tee" ? "ACTION_TEE" : "ACTION_WATCH", address, length }];
}

function renderRedirect({ keyword, block }: RulesStatement, ctx: ListContext): RuleObject[] {
  const [targetItem] = block?.items ?? [];
  if (block === undefined || targetItem?.kind !== "token") {
    failAt(keyword, {
      code: "missing-parameters",
      message: "redirect takes a target node id",
      hint: 'e.g. "redirect 8bd5124fd6 ipprotocol tcp dport 80;"',
      referenceLine: block === undefined ? keyword.referenceLine : 0,
    });
  }
  const site = { token: targetItem, text: targetItem.text, state: ctx.state };
  const address = readTarget(site, "redirect");
  return [...renderMatches(block.items.slice(1), ctx), { type: "ACTION_REDIRECT", address }];
}

function expandMacro({ keyword, operand }: RulesStatement, ctx: ListContext): RuleObject[] {
  if (operand === undefined) {
    failAt(keyword, { code: "missing-macro-name", message: "include needs a macro name" });
  }
  const { name, args } = splitCall(operand.text);
  const macro = ctx.state.macros.get(name);
  if (macro === undefined) {
    const hint = ctx.state.macros.has(name.toLowerCase())
      ? `macro names are lowercase where used: write "${name.toLowerCase()}"`
      : undefined;
    failAt(operand, {
      code: "unknown-macro",
      message: `no macro "${name}" is defined above`,
      ...(hint === undefined ? {} : { hint }),
    });
  }
  if (ctx.expanding.includes(name)) {
    failAt(operand, {
      code: "recursive-macro",
      message: `macro "${name}" includes itself`,
      referenceLine: 0,
    });
  }
  if (ctx.expanding.length >= MAX_MACRO_DEPTH) {
    failAt(ctx.origin ?? operand, {
      code: "macro-depth",
      message:
        `macro includes nest more than ${MAX_MACRO_DEPTH} deep ` +
        `(${ctx.expanding[0] ?? name} ... ${name})`,
      hint: "flatten the macros: include fewer levels",
      referenceLine: 0,
    });
  }
  ctx.state.expansion.includes++;
  if (ctx.state.expansion.includes > MAX_MACRO_INCLUDES) {
    failAt(ctx.origin ?? operand, {
      code: "too-many-includes",
      message: `the program expands more than ${MAX_MACRO_INCLUDES} macro includes`,
      hint: "macros that include each other several times grow exponentially",
      referenceLine: 0,
    });
  }
  if (args.length !== macro.params.length) {
    ctx.state.warn(operand, {
      code: "macro-arguments",
      message: `macro "${name}" takes ${macro.params.length} argument(s), ${args.length} given`,
    });
  }
  const scope = new Map<string, string>();
  macro.params.forEach((param, i) => {
    const arg = args[i];
    if (arg !== undefined) scope.set(param, ctx.scope.get(arg) ?? arg);
  });
  const origin = ctx.origin ?? operand;
  return renderRuleList(macro.body, { ...ctx, scope, origin, expanding: [...ctx.expanding, name] });
}

function unknownDirective(keyword: RulesToken) {
  const word = keyword.text.toLowerCase();
  if (word === "priority") {
    return {
      code: "unknown-directive",
      message: "priority is reserved by ZeroTier's rules language but not implemented",
    };
  }
  if (word === "cap" || word === "tag" || word === "macro") {
    return {
      code: "unknown-directive",
      message: `a ${word} definition belongs at the top level, not inside a rule list`,
    };
  }
  return {
    code: "unknown-directive",
    message: `"${keyword.text}" is not an action or directive`,
    hint:
      "statements start with accept, drop, break, tee, watch, redirect,\n" +
      "cap, tag, macro or include",
  };
}
