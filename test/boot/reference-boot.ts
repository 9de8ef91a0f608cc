// The built-in reference lab's plan and realistic values for the boot script's placeholders.
import { readFileSync } from "node:fs";
import { bootScriptText, renderBootScript, type BootValueKind } from "../../src/boot/index.js";
import { REFERENCE_LAB, validateLab } from "../../src/config/index.js";
import { resolvePlan, type LabPlan, type PlannedNode } from "../../src/plan/index.js";

export const BOOT_VALUES = JSON.parse(
  readFileSync(new URL("../fixtures/boot/boot-values.json", import.meta.url), "utf8"),
) as Record<BootValueKind, string>;

export function referencePlan(): LabPlan {
  return resolvePlan(validateLab(REFERENCE_LAB, {}));
}

export function planNode(plan: LabPlan, name: string): PlannedNode {
  const node = plan.nodes.find((candidate) => candidate.name === name);
  if (node === undefined) throw new Error(`no node ${name} in the plan`);
  return node;
}

/** The rendered script of one reference node with the fixture values filled in. */
export function referenceScriptText(name: string): string {
  const plan = referencePlan();
  return bootScriptText(renderBootScript({ plan, node: planNode(plan, name) }), BOOT_VALUES);
}

/** The text between a line starting with `start` and the next line that is exactly `end`. */
export function sliceLines(text: string, start: string, end: string): string {
  const lines = text.split("\n");
  const from = lines.findIndex((line) => line.startsWith(start));
  const to = lines.findIndex((line, i) => i > from && line === end);
  if (from < 0 || to < 0) throw new Error(`no block from "${start}" to "${end}"`);
  return `${lines.slice(from, to + 1).join("\n")}\n`;
}
