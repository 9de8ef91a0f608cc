import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileRules } from "../../../src/zerotier/rules/index.js";

// Programs and outputs of ZeroTier's own rules compiler (rule-compiler.js at ZeroTierOne 36b4659).
// Every program of the corpus is a case: the valid ones byte for byte, the invalid ones by line.
const VECTORS = fileURLToPath(new URL("../../fixtures/zerotier/rules-vectors", import.meta.url));

const programs = readdirSync(VECTORS).filter((f) => f.endsWith(".ztrules"));
const valid = programs.filter((f) => existsSync(join(VECTORS, f.replace(/\.ztrules$/, ".json"))));
const invalid = programs.filter((f) => !valid.includes(f));

function read(name: string): string {
  return readFileSync(join(VECTORS, name), "utf8");
}

describe("compileRules on the reference vectors", () => {
  it("finds every program of the corpus with its recorded output", () => {
    expect(programs.length).toBeGreaterThanOrEqual(50);
    for (const f of invalid)
      expect(existsSync(join(VECTORS, f.replace(/\.ztrules$/, ".error.json")))).toBe(true);
  });

  it.each(valid)("prints the reference output byte for byte for %s", (file) => {
    const expected = read(file.replace(/\.ztrules$/, ".json"));
    const result = compileRules(read(file));
    if (!result.ok) expect.fail(JSON.stringify(result.errors, null, 1));
    expect(JSON.stringify(result.program, null, 1) + "\n").toBe(expected);
  });

  it.each(invalid)("rejects %s on the reference's line", (file) => {
    const expected = JSON.parse(read(file.replace(/\.ztrules$/, ".error.json"))) as {
      line: number;
      column: number;
    };
    const result = compileRules(read(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const first = result.errors[0];
    expect(first?.referenceLine).toBe(expected.line);
    // The reference counts columns from 0 on line 1 and from 1 after; ours are 1-based throughout.
    if (first !== undefined && first.line === expected.line) {
      expect(first.column).toBe(expected.line === 1 ? expected.column + 1 : expected.column);
    }
  });
});
