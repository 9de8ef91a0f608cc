// `cap NAME id N [default] <rules> ;`: a capability and its own rule list.
import type { CompileState } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import { setName } from "./rules-names.js";
import { readInteger, warnOutside } from "./rules-numbers.js";
import { renderRuleList } from "./render-rule-list.js";
import type { RulesToken } from "./rules-tree.js";
import type { RulesStatement } from "./rule-statements.js";

export function defineCapability({ keyword, block }: RulesStatement, state: CompileState): void {
  const [nameItem, ...rest] = block?.items ?? [];
  if (nameItem?.kind !== "token") {
    return failAt(keyword, { code: "cap-without-name", message: "cap needs a name and an id" });
  }
  const name = nameItem.text.toLowerCase();
  let id = Number.NaN;
  let idToken: RulesToken | undefined;
  let idText = "";
  let isDefault = false;
  let start = 0;
  for (; start < rest.length; start++) {
    const item = rest[start];
    const word = item?.kind === "token" ? item.text.toLowerCase() : "";
    const value = rest[start + 1];
    if (word === "id" && value?.kind === "token" && item?.kind === "token") {
      idToken = item;
      idText = value.text;
      id = readInteger({ token: value, text: value.text, state }, "capability id");
      start++;
    } else if (word === "default") {
      isDefault = true;
    } else {
      break;
    }
  }

  if (idToken === undefined) {
    failAt(nameItem, { code: "cap-without-id", message: `capability "${name}" has no numeric id` });
  }
  warnOutside({ token: idToken, text: idText, state }, id, [0, 0xffffffff], "capability id");
  if (state.output.config.capabilities.some((other) => other.id === id)) {
    failAt(idToken, {
      code: "duplicate-cap-id",
      message: `another capability already has id ${idText}`,
    });
  }
  const rules = renderRuleList(rest.slice(start), { state, scope: new Map(), expanding: [] });
  if (Object.hasOwn(state.output.capabilitiesByName, name)) {
    state.warn(nameItem, {
      code: "duplicate-cap-name",
      message: `capability "${name}" is defined twice`,
    });
  }
  state.output.config.capabilities.push({ id, default: isDefault, rules });
  setName(state.output.capabilitiesByName, name, id);
}
