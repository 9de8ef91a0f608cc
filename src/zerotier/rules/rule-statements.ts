import type { RulesBlock, RulesItem, RulesToken } from "./rules-tree.js";

/** One statement of a rule list: its keyword, the block it opened, or the macro it includes. */
export interface RulesStatement {
  keyword: RulesToken;
  /** Lowercased keyword. */
  word: string;
  block?: RulesBlock;
  /** The `name(args)` word after `include`. */
  operand?: RulesToken;
  /** A block with no keyword before it (after `include accept ...`): always an error. */
  isOrphan?: boolean;
}

/** Groups a list of items into statements; a keyword's block is the item right after it. */
export function splitStatements(items: readonly RulesItem[]): RulesStatement[] {
  const statements: RulesStatement[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as RulesItem;
    if (item.kind === "block") {
      statements.push({ keyword: item.opener, word: "", block: item, isOrphan: true });
      continue;
    }
    const statement: RulesStatement = { keyword: item, word: item.text.toLowerCase() };
    const next = items[i + 1];
    if (next?.kind === "block") {
      statement.block = next;
      i++;
    } else if (statement.word === "include" && next?.kind === "token") {
      statement.operand = next;
      i++;
    }
    statements.push(statement);
  }
  return statements;
}

/** `name(a,b)` into its name and arguments; a bare `name` has none. */
export function splitCall(text: string): { name: string; args: string[] } {
  const open = text.indexOf("(");
  if (open < 0) return { name: text, args: [] };
  const inner = text.slice(open + 1, text.endsWith(")") ? -1 : undefined);
  return { name: text.slice(0, open), args: inner === "" ? [] : inner.split(",") };
}
