// `macro NAME($a,$b) <rules> ;`: names and parameters are lowercased here, where they are defined.
import type { CompileState } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import { splitCall, type RulesStatement } from "./rule-statements.js";

/** Stores the macro; its body is compiled where it is included, with the arguments given there. */
export function defineMacro({ keyword, block }: RulesStatement, state: CompileState): void {
  const [nameItem, ...body] = block?.items ?? [];
  if (nameItem?.kind !== "token") {
    return failAt(keyword, { code: "macro-without-name", message: "macro needs a name" });
  }
  const { name, args } = splitCall(nameItem.text.toLowerCase());
  const odd = args.filter((param) => !param.startsWith("$"));
  if (odd.length > 0) {
    state.warn(nameItem, {
      code: "macro-parameter-name",
      message: `macro parameters start with $; ${odd.join(", ")} can never be used`,
    });
  }
  if (state.macros.has(name)) {
    state.warn(nameItem, { code: "duplicate-macro", message: `macro "${name}" is defined twice` });
  }
  state.macros.set(name, { name, params: args, body });
}
