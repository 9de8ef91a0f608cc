import { describe, expect, it } from "vitest";
import { compileRules, formatRulesDiagnostic } from "../../../src/zerotier/rules/index.js";

function firstError(source: string) {
  const result = compileRules(source);
  if (result.ok) throw new Error(`compiled: ${JSON.stringify(result.program)}`);
  return result.errors[0];
}

function warningCodes(source: string): string[] {
  const result = compileRules(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.warnings.map((w) => w.code);
}

describe("compileRules errors", () => {
  it.each([
    ["accept dport 90-80;", "invalid-range", 1, 14],
    ["accept framesize 70000;", "invalid-range", 1, 18],
    ["accept ipsrc hello/24;", "invalid-ip-address", 1, 14],
    ["accept ipsrc 10.0.0.1/abc;", "invalid-ip-address", 1, 14],
    ["accept ipdest fd00::/x;", "invalid-ip-address", 1, 15],
    ["accept macdest 01:02;", "invalid-mac-address", 1, 16],
    ["accept\n  vlan notanumber;", "invalid-number", 2, 8],
    ["accept bogus 1;", "unknown-match", 1, 8],
    ["accept ipprotocol icmp;", "missing-argument", 1, 8],
    ["accept dport not 80;", "missing-argument", 1, 8],
    ["accept icmp 8 300;", "invalid-icmp-code", 1, 15],
    ["accept teq nosuch 1;", "unknown-tag", 1, 12],
    ["tag t id 1 enum 1 a;\naccept teq t b;", "invalid-number", 2, 14],
    ["tag t id 1;\ntag u id 1;", "duplicate-tag-id", 2, 7],
    ["tag t id 1 color red;", "unknown-tag-clause", 1, 12],
    ["tag t id 1 flag 32 big;", "invalid-flag-bits", 1, 17],
    ["cap c default accept;", "cap-without-id", 1, 5],
    ["include missing\naccept;", "unknown-macro", 1, 9],
    ["macro m\n include m\n;\ninclude m\naccept;", "recursive-macro", 2, 10],
    ["tee 70000 0123456789;", "invalid-length", 1, 5],
    ["redirect 12345;", "invalid-target", 1, 10],
    ["accept dport $p;", "undefined-variable", 1, 14],
    ["cap c id 1 tag t id 2; ;", "unknown-directive", 1, 12],
  ])("rejects %j with %s at %i:%i", (source, code, line, column) => {
    expect(firstError(source)).toMatchObject({ severity: "error", code, line, column });
  });

  it("reports one error per statement and skips the leftovers of an unknown word", () => {
    const result = compileRules("frob a b c;\naccept vlan x;\ndrop;");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.code, e.line])).toEqual([
        ["unknown-directive", 1],
        ["invalid-number", 2],
      ]);
  });

  it("marks a watch with one parameter as an internal failure of the reference (line 0)", () => {
    expect(firstError("watch 0123456789;\naccept;")).toMatchObject({ line: 1, referenceLine: 0 });
  });

  it("counts lines like the reference in referenceLine, and real lines in line", () => {
    const error = firstError("# a\r\n# b\r\nacept;\r\n");
    expect(error).toMatchObject({ line: 3, column: 1, referenceLine: 5 });
  });

  it("formats an error with the offending line and a caret under the word", () => {
    const source = "accept;\n\tdrop not ethertype IPX;\n";
    const text = formatRulesDiagnostic(firstError("drop\n\tnot ethertype IPX;")!, {
      source: "drop\n\tnot ethertype IPX;",
      fileName: "lab.rules",
    });
    expect(source).toContain("IPX");
    expect(text.split("\n").slice(0, 3)).toEqual([
      'lab.rules:2:16: error: ethertype must be a number (decimal or 0x hex), got "IPX"',
      "  2 | \tnot ethertype IPX;",
      "    | \t              ^^^",
    ]);
  });
});

describe("compileRules warnings", () => {
  it.each([
    ["tee x 0123456789;", "lenient-number"],
    ["watch -1 ABCDEF0123;", "lenient-target"],
    ["accept ipdest 10.0.0.300/8;", "lenient-ip-address"],
    ["accept ipsrc 10.0.0.0/40;", "lenient-ip-address"],
    ["accept dport 22x;", "lenient-number"],
    ["accept ztsrc 01_23_45_67_89;", "lenient-address"],
    ["accept chr inbound,broadcast;", "chr-mask-miscompiled"],
    ["accept chr 31,0;", "chr-mask-miscompiled"],
    ["accept chr 3x;", "lenient-number"],
    ["accept random 1.5;", "value-out-of-range"],
    ["accept vlan 5000;", "value-out-of-range"],
    ["accept ethertype 0x10000;", "value-out-of-range"],
    ["tag t id 1 default 5000000000;", "lenient-tag-default"],
    ["tag t id 1 flag 31 top;", "negative-flag"],
    ["drop not;", "dangling-connective"],
    ["macro m($a) accept dport $a; ;\ninclude m(1,2)\naccept;", "macro-arguments"],
    ["drop not ethertype ipv4", "unterminated-statement"],
    ["cap c id 1\n accept;\n drop vlan 1;\n;\naccept;", "statement-left-block"],
  ])("warns about %j (%s)", (source, code) => {
    expect(warningCodes(source)).toContain(code);
  });

  it("compiles what the reference compiles even when it warns", () => {
    const result = compileRules("drop not ethertype ipv4");
    expect(result.ok && result.program.config.rules).toEqual([{ type: "ACTION_DROP" }]);
  });

  it("gives no warning for the lab's own programs", () => {
    for (const source of [
      "accept;\n",
      "tee -1 8bd5124fd6;\naccept;\n",
      "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\n" +
        "watch -1 8bd5124fd6 chr inbound;\naccept;\n",
    ]) {
      expect(warningCodes(source)).toEqual([]);
    }
  });

  it("turns warnings into errors under strict", () => {
    const result = compileRules("accept dport 22x;", { strict: true });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatchObject({ severity: "error", code: "lenient-number" });
  });
});
