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

describe("compileRules statements dropped at the end", () => {
  it("points at the unterminated words after a bare action and names an unknown word", () => {
    const result = compileRules("accept;\nfoo bar baz\n");
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      code: "unterminated-statement",
      line: 2,
      column: 1,
    });
    expect(result.warnings[0]?.message).toBe(
      '"foo bar baz" after "accept;" has no closing ";" and ZeroTier\'s compiler drops it; ' +
        '"foo" is not an action or directive',
    );
  });

  it("keeps pointing at the statement itself when its own ; is missing", () => {
    const result = compileRules("drop not ethertype ipv4");
    expect(result.warnings[0]).toMatchObject({
      code: "unterminated-statement",
      line: 1,
      column: 1,
    });
  });
});

describe("compileRules on huge broken input", () => {
  it("skips the leftovers of an unknown word without slowing down", () => {
    const started = Date.now();
    const result = compileRules("a ".repeat(500_000));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.ok || result.errors).toHaveLength(1);
  });

  it("stops after 100 errors and keeps at most 100 warnings", () => {
    const errors = errorsOf("accept vlan x;\n".repeat(300) + "accept;");
    expect(errors).toHaveLength(101);
    expect(errors.at(-1)).toMatchObject({ code: "too-many-errors", line: 101 });
    const warned = compileRules("accept dport 22x;\n".repeat(300) + "accept;");
    expect(warned.ok && warned.warnings).toHaveLength(100);
  });

  it("warns once for a program of nested unterminated blocks", () => {
    const result = compileRules("drop ".repeat(50_000));
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["unterminated-statement"]);
  });

  it("quotes at most 40 characters of a huge word in its message", () => {
    const errors = errorsOf(`accept ${"y".repeat(100_000)};`);
    expect(errors[0]?.message.length).toBeLessThan(120);
  });
});
