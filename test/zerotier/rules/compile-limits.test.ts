import { describe, expect, it } from "vitest";
import { compileRules } from "../../../src/zerotier/rules/index.js";

/** m0 holds one drop; each further macro includes the one below twice: 2^depth drops. */
function doublingMacros(depth: number): string {
  const lines = ["macro m0 drop ipprotocol 6;", ";"];
  for (let i = 1; i <= depth; i++) lines.push(`macro m${i} include m${i - 1} include m${i - 1} ;`);
  return [...lines, `include m${depth}`, "accept;"].join("\n");
}

/** m0 has an empty body; each further macro includes the one below once. */
function macroChain(length: number): string {
  const lines = ["macro m0 ;"];
  for (let i = 1; i < length; i++) lines.push(`macro m${i} include m${i - 1} ;`);
  return [...lines, `include m${length - 1}`, "accept;"].join("\n");
}

function errorsOf(source: string) {
  const result = compileRules(source);
  if (result.ok) throw new Error("compiled");
  return result.errors;
}

describe("compileRules expansion limits", () => {
  it("stops an exponential macro expansion quickly, at the include line", () => {
    const started = Date.now();
    const errors = errorsOf(doublingMacros(24));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 27, column: 9 });
    expect(errors[0]?.code).toMatch(/^too-many-(rules|includes)$/);
    expect(errors[0]?.message).toMatch(/more than 10000 (rule entries|macro includes)/);
  });

  it("reports no internal error for an expansion of 2^18 entries", () => {
    const errors = errorsOf(doublingMacros(18));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toMatch(/^too-many-(rules|includes)$/);
  });

  it("still expands nested macros that stay under the limits", () => {
    const result = compileRules(doublingMacros(10));
    expect(result.ok && result.program.config.rules).toHaveLength(2 * 1024 + 1);
  });

  it("stops exponential includes of an empty macro", () => {
    const lines = ["macro m0 ;"];
    for (let i = 1; i <= 30; i++) lines.push(`macro m${i} include m${i - 1} include m${i - 1} ;`);
    const errors = errorsOf([...lines, "include m30", "accept;"].join("\n"));
    expect(errors[0]).toMatchObject({ code: "too-many-includes", line: 32 });
  });

  it("names the depth limit, not recursion, for a long chain of distinct macros", () => {
    const errors = errorsOf(macroChain(40));
    expect(errors[0]).toMatchObject({ code: "macro-depth", line: 41, column: 9 });
    expect(errors[0]?.message).toMatch(/nest more than 32 deep/);
    expect(errors[0]?.message).not.toMatch(/itself/);
    expect(compileRules(macroChain(32)).ok).toBe(true);
  });

  it("rejects a flat program with more entries than any network takes", () => {
    const errors = errorsOf("drop " + "vlan 1 ".repeat(20_000) + ";\naccept;");
    expect(errors.map((e) => e.code)).toEqual(["too-many-rules"]);
  });
});
