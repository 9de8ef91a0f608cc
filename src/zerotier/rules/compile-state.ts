import { diagnosticAt, type DiagnosticDetails, type RulesDiagnostic } from "./rules-diagnostic.js";
import type { RulesItem, RulesToken } from "./rules-tree.js";

/** One entry of a rule list as Central stores it: a match or an action. */
export type RuleObject = { type: string } & Record<string, string | number | boolean | null>;

export interface CapabilityObject {
  id: number;
  default: boolean;
  rules: RuleObject[];
}

export interface TagObject {
  id: number;
  default: number | null;
}

export interface TagByName extends TagObject {
  enums: Record<string, number>;
  flags: Record<string, number>;
}

/** The compiled program, in the shape (and key order) ZeroTier's compiler prints. */
export interface CompiledRules {
  config: { rules: RuleObject[]; capabilities: CapabilityObject[]; tags: TagObject[] };
  capabilitiesByName: Record<string, number>;
  tagsByName: Record<string, TagByName>;
}

export interface MacroDefinition {
  name: string;
  params: string[];
  body: RulesItem[];
}

/** Diagnostics of each severity kept per compilation; a broken megabyte yields no more. */
export const MAX_DIAGNOSTICS = 100;

/** Everything a compilation accumulates while it walks the statements in order. */
export class CompileState {
  readonly output: CompiledRules = {
    config: { rules: [], capabilities: [], tags: [] },
    capabilitiesByName: {},
    tagsByName: {},
  };
  readonly macros = new Map<string, MacroDefinition>();
  readonly warnings: RulesDiagnostic[] = [];
  /** Work done expanding the program, bounded so that nested macros cannot explode it. */
  readonly expansion = { entries: 0, includes: 0 };

  warn(token: RulesToken, details: DiagnosticDetails): void {
    if (this.warnings.length >= MAX_DIAGNOSTICS) return;
    this.warnings.push(diagnosticAt("warning", token, details));
  }

  findTag(name: string): TagByName | undefined {
    const tags = this.output.tagsByName;
    return Object.hasOwn(tags, name) ? tags[name] : undefined;
  }
}
