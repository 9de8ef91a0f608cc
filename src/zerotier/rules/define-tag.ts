// `tag NAME id N [default V] [enum VALUE NAME]... [flag BITS NAME]... ;`
// Names are lowercased here, where they are defined, and nowhere else (README, behaviour 3).
import type { CompileState, TagByName } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import { lookupName, setName } from "./rules-names.js";
import { readInteger, readLenientInteger, warnOutside } from "./rules-numbers.js";
import type { RulesItem, RulesToken } from "./rules-tree.js";
import type { RulesStatement } from "./rule-statements.js";

const CLAUSE_OPERANDS: Readonly<Record<string, 1 | 2>> = { id: 1, default: 1, enum: 2, flag: 2 };

export function defineTag({ keyword, block }: RulesStatement, state: CompileState): void {
  const [nameItem, ...clauses] = block?.items ?? [];
  if (nameItem?.kind !== "token") {
    return failAt(keyword, { code: "tag-without-name", message: "tag needs a name and an id" });
  }
  const name = nameItem.text.toLowerCase();
  const tag: TagByName = { id: Number.NaN, default: null, enums: {}, flags: {} };
  let idToken: RulesToken | undefined;
  let idText = "";
  let defaultToken: RulesToken | undefined;

  for (let i = 0; i < clauses.length; i++) {
    const clause = tokenOf(clauses[i], keyword);
    const word = clause.text.toLowerCase();
    const operands = Object.hasOwn(CLAUSE_OPERANDS, word) ? CLAUSE_OPERANDS[word] : undefined;
    if (operands === undefined) {
      return failAt(clause, {
        code: "unknown-tag-clause",
        message: `"${clause.text}" is not part of a tag definition`,
        hint: "a tag takes: id N, default V, enum VALUE NAME, flag BITS NAME",
      });
    }
    const first = operandOf(clauses[i + 1], clause);
    const second = operands === 2 ? operandOf(clauses[i + 2], clause) : first;
    if (word === "id") {
      idToken = clause;
      idText = first.text;
      tag.id = readInteger({ token: first, text: first.text, state }, "tag id");
    } else if (word === "default") {
      defaultToken = first;
    } else if (word === "enum") {
      const value = readInteger({ token: first, text: first.text, state }, "enum value");
      setName(tag.enums, second.text.toLowerCase(), value);
    } else {
      setName(tag.flags, second.text.toLowerCase(), flagMask(first, tag, state));
    }
    i += operands;
  }

  if (idToken === undefined) {
    failAt(nameItem, { code: "tag-without-id", message: `tag "${name}" has no numeric id` });
  }
  warnOutside({ token: idToken, text: idText, state }, tag.id, [0, 0xffffffff], "tag id");
  if (state.output.config.tags.some((other) => other.id === tag.id)) {
    failAt(idToken, { code: "duplicate-tag-id", message: `another tag already has id ${idText}` });
  }
  if (defaultToken !== undefined) tag.default = tagDefault(defaultToken, tag, state);
  if (state.findTag(name) !== undefined) {
    state.warn(nameItem, { code: "duplicate-tag-name", message: `tag "${name}" is defined twice` });
  }
  state.output.config.tags.push({ id: tag.id, default: tag.default });
  setName(state.output.tagsByName, name, tag);
}

/** BITS: a comma list of bit numbers 0-31 or names of flags defined before. */
function flagMask(bits: RulesToken, tag: TagByName, state: CompileState): number {
  let mask = 0;
  for (const part of bits.text.split(",")) {
    if (part === "") continue;
    const earlier = lookupName(tag.flags, part);
    if (earlier !== undefined) {
      mask |= earlier;
      continue;
    }
    const bit = Number.parseInt(part);
    if (!(bit >= 0 && bit <= 31)) {
      failAt(bits, {
        code: "invalid-flag-bits",
        message: `"${part}" is neither a bit number 0-31 nor a flag defined before it`,
      });
    }
    mask |= 1 << bit;
  }
  if (mask < 0) {
    state.warn(bits, {
      code: "negative-flag",
      message: `with bit 31 the flag mask is ${mask}: ZeroTier's compiler ORs signed 32-bit values`,
    });
  }
  return mask;
}

// An enum or flag name, else abs(parseInt(V)) & 0xffffffff (README, behaviour 10).
function tagDefault(token: RulesToken, tag: TagByName, state: CompileState): number {
  const named = lookupName(tag.enums, token.text) ?? lookupName(tag.flags, token.text);
  if (named !== undefined) return named;
  const parsed = readLenientInteger({ token, text: token.text, state }, "tag default");
  const value = Math.abs(parsed) & 0xffffffff;
  if (Number.isNaN(parsed) || value !== parsed) {
    state.warn(token, {
      code: "lenient-tag-default",
      message: `tag default "${token.text}" becomes ${value}`,
      hint: "give a number 0-2147483647 or the name of one of this tag's enums or flags",
    });
  }
  return value;
}

function tokenOf(item: RulesItem | undefined, keyword: RulesToken): RulesToken {
  if (item?.kind === "token") return item;
  return failAt(item?.opener ?? keyword, {
    code: "unknown-tag-clause",
    message: `"${item?.opener.text ?? ""}" is not part of a tag definition`,
  });
}

function operandOf(item: RulesItem | undefined, clause: RulesToken): RulesToken {
  if (item?.kind !== "token") {
    return failAt(clause, {
      code: "missing-argument",
      message: `"${clause.text}" in a tag definition needs a value after it`,
    });
  }
  return item;
}
