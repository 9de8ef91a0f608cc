import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import type { PlannedFlowRules } from "../../src/plan/index.js";
import {
  assertRulesCompile,
  checkLabRules,
  renderLabRules,
  TAP_ID_PLACEHOLDER,
} from "../../src/zerotier/index.js";

function planWith(flowRules: PlannedFlowRules) {
  return {
    network: {
      name: "demo.lab",
      description: "",
      route: "10.0.0.0/16",
      pool: { start: "10.0.0.1", end: "10.0.0.254" },
      assignIpv6: { zerotier: true, sixplane: true, rfc4193: true },
      multicastLimit: 32,
      flowRules,
    },
  };
}

describe("checkLabRules", () => {
  it.each([
    ["off", false, [{ type: "ACTION_ACCEPT" }]],
    [
      "tee",
      false,
      [{ type: "ACTION_TEE", address: TAP_ID_PLACEHOLDER, length: -1 }, { type: "ACTION_ACCEPT" }],
    ],
    [
      "watch",
      true,
      [
        { type: "MATCH_ETHERTYPE", not: true, or: false, etherType: 2048 },
        { type: "MATCH_ETHERTYPE", not: true, or: false, etherType: 2054 },
        { type: "MATCH_ETHERTYPE", not: true, or: false, etherType: 34525 },
        { type: "ACTION_DROP" },
        { type: "MATCH_CHARACTERISTICS", not: false, or: false, mask: "8000000000000000" },
        { type: "ACTION_WATCH", address: TAP_ID_PLACEHOLDER, length: -1 },
        { type: "ACTION_ACCEPT" },
      ],
    ],
  ] as const)(
    "compiles mode %s (drop_non_ip %s) to the rules Central enforces",
    (mode, dropNonIp, rules) => {
      const result = checkLabRules(planWith({ mode, tap: "do", dropNonIp }));
      expect(result.program.config.rules).toEqual(rules);
      expect(result.warnings).toEqual([]);
    },
  );

  it("renders every mode to text the compiler accepts with a real-looking node id", () => {
    const text = renderLabRules({ mode: "watch", dropNonIp: false }, "8bd5124fd6");
    expect(text).toBe("watch -1 8bd5124fd6 chr inbound;\naccept;\n");
  });

  it("throws an InputError listing each problem with its excerpt", () => {
    let caught: unknown;
    try {
      assertRulesCompile("drop not ethertype IPv4;\naccept dport 22x;\n", { fileName: "lab" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    const error = caught as InputError;
    expect(error.message).toBe("lab: the rules program has 2 problems");
    expect(error.code).toBe("invalid-flow-rules");
    expect(error.exitCode).toBe(2);
    expect(error.details.slice(0, 3)).toEqual([
      'lab:1:20: error: ethertype "IPv4" is unknown: names are lowercase',
      "  1 | drop not ethertype IPv4;",
      "    |                    ^^^^",
    ]);
    expect(error.details).toContain(
      'lab:2:14: error: port range "22x" is read as 22; the rest of the text is ignored',
    );
  });
});
