import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules, type CompiledRules } from "../../../src/zerotier/rules/index.js";

function compiled(source: string): CompiledRules {
  const result = compileRules(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.program;
}

describe("compileRules definitions", () => {
  it("defines tags with lowercased names, enums and flags built from bits and earlier flags", () => {
    const program = compiled("tag Zone id 9 enum 1 DMZ flag 0,1 A flag a,4 B default b;");
    expect(program.tagsByName).toEqual({
      zone: { id: 9, default: 19, enums: { dmz: 1 }, flags: { a: 3, b: 19 } },
    });
    expect(program.config.tags).toEqual([{ id: 9, default: 19 }]);
  });

  it("looks tag, enum and flag names up as written where they are used", () => {
    const source = "tag Zone id 9 enum 1 dmz;\naccept teq zone dmz;";
    expect(compiled(source).config.rules[0]).toMatchObject({ id: 9, value: 1 });
    expect(compileRules("tag zone id 9;\naccept teq Zone 1;").ok).toBe(false);
  });

  it("stores tags, enums, flags and capabilities named __proto__ as plain keys", () => {
    const program = compiled(
      "tag __proto__ id 1 enum 2 __proto__ flag 3 __PROTO__;\ncap __proto__ id 5\n accept;\n;\naccept;",
    );
    expect(Object.getPrototypeOf(program.tagsByName)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(program.capabilitiesByName)).toBe(Object.prototype);
    expect(Object.keys(program.tagsByName)).toEqual(["__proto__"]);
    expect(JSON.stringify(program.capabilitiesByName)).toBe('{"__proto__":5}');
    expect(JSON.stringify(program.tagsByName)).toBe(
      '{"__proto__":{"id":1,"default":null,"enums":{"__proto__":2},"flags":{"__proto__":8}}}',
    );
    expect(
      compiled("tag __proto__ id 1 enum 2 x;\naccept teq __proto__ x;").config.rules[0],
    ).toMatchObject({
      id: 1,
      value: 2,
    });
  });

  it.each([
    ["tag t id 99999999999999999999999;\naccept;", "tag id 99999999999999999999999 is outside"],
    ["cap c id 0x1ffffffff\n accept;\n;\naccept;", "capability id 0x1ffffffff is outside"],
    ["accept vlan 99999999999999999999999;", "99999999999999999999999 is outside"],
  ])("shows an out-of-range number as written: %s", (source, message) => {
    const result = compileRules(source);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [warning] = result.warnings;
    expect(warning?.code).toBe("value-out-of-range");
    expect(warning?.message).toContain(message);
    expect(warning?.message).not.toContain("e+");
  });

  it("defines capabilities in order with their own rules and the default flag", () => {
    const program = compiled(
      "cap First id 3 default\n drop vlan 2;\n accept;\n;\ncap second id 4\n break vlan 1;\n;\naccept;",
    );
    expect(program.capabilitiesByName).toEqual({ first: 3, second: 4 });
    expect(program.config.capabilities).toEqual([
      {
        id: 3,
        default: true,
        rules: [
          { type: "MATCH_VLAN_ID", not: false, or: false, vlanId: 2 },
          { type: "ACTION_DROP" },
          { type: "ACTION_ACCEPT" },
        ],
      },
      {
        id: 4,
        default: false,
        rules: [
          { type: "MATCH_VLAN_ID", not: false, or: false, vlanId: 1 },
          { type: "ACTION_BREAK" },
        ],
      },
    ]);
    expect(program.config.rules).toEqual([{ type: "ACTION_ACCEPT" }]);
  });

  it("moves rules after a bare action inside a cap to the base rule set, as the reference does", () => {
    const program = compiled("cap c id 1\n accept;\n drop vlan 1;\n;\naccept;");
    expect(program.config.capabilities[0]?.rules).toEqual([{ type: "ACTION_ACCEPT" }]);
    expect(program.config.rules.map((r) => r.type)).toEqual([
      "MATCH_VLAN_ID",
      "ACTION_DROP",
      "ACTION_ACCEPT",
    ]);
  });

  it("expands macros with parameters, also inside caps and nested macros", () => {
    const source = [
      "macro port($p,$proto) accept ipprotocol $proto dport $p; ;",
      "macro web include port(80,tcp) include port(443,tcp) ;",
      "cap w id 1 include web ;",
      "include port(53,udp)",
      "drop;",
    ].join("\n");
    const program = compiled(source);
    const ports = (rules: CompiledRules["config"]["rules"]) =>
      rules.filter((r) => r.type === "MATCH_IP_DEST_PORT_RANGE").map((r) => r.start);
    expect(ports(program.config.capabilities[0]?.rules ?? [])).toEqual([80, 443]);
    expect(ports(program.config.rules)).toEqual([53]);
    expect(program.config.rules[0]).toMatchObject({ ipProtocol: 17 });
  });

  it("needs macro and parameter names in lowercase where they are used", () => {
    expect(compileRules("macro M accept vlan 1; ;\ninclude M\naccept;").ok).toBe(false);
    expect(compileRules("macro M accept vlan 1; ;\ninclude m\naccept;").ok).toBe(true);
  });

  it("opens a block only for lowercase actions", () => {
    expect(compiled("ACCEPT;").config.rules).toEqual([{ type: "ACTION_ACCEPT" }]);
    expect(compileRules("DROP vlan 1;").ok).toBe(false);
  });

  it("closes one block per glued semicolon and ignores a lone one after a bare action", () => {
    expect(compileRules("drop vlan 1 ;\naccept;").ok).toBe(true);
    expect(compileRules("drop;\n;\naccept;").ok).toBe(false);
    expect(compiled("accept ;").config.rules).toEqual([{ type: "ACTION_ACCEPT" }]);
  });

  it("starts a comment only at the start of a word", () => {
    expect(compiled("accept; # done").config.rules).toEqual([{ type: "ACTION_ACCEPT" }]);
    expect(compileRules("drop vlan 1;# x\naccept;").ok).toBe(false);
  });
});

describe("compileRules robustness", () => {
  const WORDS = [
    "accept",
    "drop",
    "break",
    "tee",
    "watch",
    "redirect",
    "priority",
    "cap",
    "tag",
    "macro",
    "include",
    "id",
    "default",
    "enum",
    "flag",
    "not",
    "or",
    "and",
    "ztsrc",
    "ztdest",
    "vlan",
    "vlanpcp",
    "vlandei",
    "ethertype",
    "macsrc",
    "macdest",
    "ipsrc",
    "ipdest",
    "iptos",
    "ipprotocol",
    "icmp",
    "sport",
    "dport",
    "framesize",
    "chr",
    "random",
    "tand",
    "tor",
    "txor",
    "tdiff",
    "teq",
    "tseq",
    "treq",
    ";",
    ";;",
    "#",
    "-1",
    "0",
    "65536",
    "0x10",
    "ipv4",
    "tcp",
    "inbound,31",
    "10.0.0.0/8",
    "::/0",
    "0123456789",
    "m($a)",
    "m(1)",
    "$a",
    "__proto__",
    "constructor",
    "Accept",
    "x;",
    "\n",
    "\r",
    "\t",
  ];
  const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 40 });

  it("returns a result for random word sequences and never throws or fails internally", () => {
    fc.assert(
      fc.property(words, fc.boolean(), (list, strict) => {
        const result = compileRules(list.join(" "), { strict });
        if (!result.ok) expect(result.errors.some((e) => e.code === "internal")).toBe(false);
        else expect(JSON.parse(JSON.stringify(result.program))).toEqual(result.program);
      }),
      { numRuns: 3000 },
    );
  });

  it("returns a result for random text and never throws or fails internally", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (text) => {
        const result = compileRules(text);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          expect(result.errors.some((e) => e.code === "internal")).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
