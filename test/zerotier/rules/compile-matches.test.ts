import { describe, expect, it } from "vitest";
import { compileRules, type RuleObject } from "../../../src/zerotier/rules/index.js";

function rulesOf(source: string): RuleObject[] {
  const result = compileRules(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.program.config.rules;
}

/** The first rule of `accept <match>;`, without its not/or flags. */
function matchOf(match: string): Record<string, unknown> {
  const [first] = rulesOf(`accept ${match};`);
  const { not: _not, or: _or, ...rest } = first ?? { type: "none" };
  return rest;
}

describe("compileRules matches", () => {
  it.each([
    ["ztsrc 0123456789", { type: "MATCH_SOURCE_ZEROTIER_ADDRESS", zt: "0123456789" }],
    ["ztdest AB:CD:EF:01:23", { type: "MATCH_DEST_ZEROTIER_ADDRESS", zt: "abcdef0123" }],
    ["vlan 7", { type: "MATCH_VLAN_ID", vlanId: 7 }],
    ["vlanpcp 0x7", { type: "MATCH_VLAN_PCP", vlanPcp: 7 }],
    ["vlandei 0", { type: "MATCH_VLAN_DEI", vlanDei: 0 }],
    ["ethertype wol", { type: "MATCH_ETHERTYPE", etherType: 0x0842 }],
    ["ethertype ipx_b", { type: "MATCH_ETHERTYPE", etherType: 0x8138 }],
    ["macdest AA-BB-CC-DD-EE-FF", { type: "MATCH_MAC_DEST", mac: "aa:bb:cc:dd:ee:ff" }],
    ["ipsrc 10.0.0.0/8", { type: "MATCH_IPV4_SOURCE", ip: "10.0.0.0/8" }],
    ["ipdest fd00::1/128", { type: "MATCH_IPV6_DEST", ip: "fd00::1/128" }],
    ["iptos 0xfc 46", { type: "MATCH_IP_TOS", mask: 252, start: 46, end: 46 }],
    ["ipprotocol sctp", { type: "MATCH_IP_PROTOCOL", ipProtocol: 132 }],
    ["ipprotocol udplite", { type: "MATCH_IP_PROTOCOL", ipProtocol: 136 }],
    ["icmp 0 -1", { type: "MATCH_ICMP", icmpType: 0, icmpCode: null }],
    ["icmp 3 0x3", { type: "MATCH_ICMP", icmpType: 3, icmpCode: 3 }],
    ["sport 1024-65535", { type: "MATCH_IP_SOURCE_PORT_RANGE", start: 1024, end: 65535 }],
    ["dport 0", { type: "MATCH_IP_DEST_PORT_RANGE", start: 0, end: 0 }],
    ["framesize 64-0x5ee", { type: "MATCH_FRAME_SIZE_RANGE", start: 64, end: 1518 }],
    ["chr tcp_rs0", { type: "MATCH_CHARACTERISTICS", mask: "0000000000000800" }],
    ["chr broadcast", { type: "MATCH_CHARACTERISTICS", mask: "2000000000000000" }],
    ["chr 32", { type: "MATCH_CHARACTERISTICS", mask: "0000000100000000" }],
    ["random 0.25", { type: "MATCH_RANDOM", probability: 1073741823 }],
    ["random -3", { type: "MATCH_RANDOM", probability: 0 }],
    ["teq 5 6", { type: "MATCH_TAGS_EQUAL", id: 5, value: 6 }],
    ["tand 1 0x10", { type: "MATCH_TAGS_BITWISE_AND", id: 1, value: 16 }],
    ["tor 1 2", { type: "MATCH_TAGS_BITWISE_OR", id: 1, value: 2 }],
    ["txor 1 2", { type: "MATCH_TAGS_BITWISE_XOR", id: 1, value: 2 }],
    ["tdiff 1 2", { type: "MATCH_TAGS_DIFFERENCE", id: 1, value: 2 }],
    ["tseq 1 2", { type: "MATCH_TAG_SENDER", id: 1, value: 2 }],
    ["treq 1 2", { type: "MATCH_TAG_RECEIVER", id: 1, value: 2 }],
  ])("compiles %s", (match, expected) => {
    expect(matchOf(match)).toEqual(expected);
  });

  it("keeps fields in the reference's order after type, not and or", () => {
    const [tos] = rulesOf("drop not iptos 0xff 1-2;");
    expect(Object.keys(tos ?? {})).toEqual(["type", "not", "or", "mask", "start", "end"]);
    const [icmp] = rulesOf("drop icmp 8 0;");
    expect(Object.keys(icmp ?? {})).toEqual(["type", "not", "or", "icmpType", "icmpCode"]);
  });

  it("applies not and or to the next match only and ignores and", () => {
    const rules = rulesOf("drop not vlan 1 or vlan 2 and vlan 3;");
    expect(rules.map((r) => [r.not, r.or])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [undefined, undefined],
    ]);
  });

  it("emits the matches of tee and watch after their two parameters, then the action", () => {
    expect(rulesOf("tee 64 0123456789 vlan 3;")).toEqual([
      { type: "MATCH_VLAN_ID", not: false, or: false, vlanId: 3 },
      { type: "ACTION_TEE", address: "0123456789", length: 64 },
    ]);
    expect(rulesOf("redirect abcdef0123 not vlan 4;")).toEqual([
      { type: "MATCH_VLAN_ID", not: true, or: false, vlanId: 4 },
      { type: "ACTION_REDIRECT", address: "abcdef0123" },
    ]);
  });

  it("reads numbers the way parseInt does: hex after 0x, a numeric prefix otherwise", () => {
    expect(matchOf("vlan 0X10")).toEqual({ type: "MATCH_VLAN_ID", vlanId: 16 });
    expect(matchOf("vlan 12abc")).toEqual({ type: "MATCH_VLAN_ID", vlanId: 12 });
  });

  it("takes a match keyword in any case but ethertype and protocol names only in lowercase", () => {
    expect(matchOf("VLAN 1")).toEqual({ type: "MATCH_VLAN_ID", vlanId: 1 });
    const upper = compileRules("accept ethertype IPv6;");
    expect(upper.ok).toBe(false);
    if (!upper.ok) expect(upper.errors[0]?.hint).toContain('"ipv6"');
    expect(compileRules("accept ipprotocol TCP;").ok).toBe(false);
  });

  it("computes chr masks across both halves and ignores empty list entries", () => {
    expect(matchOf("chr inbound,tcp_ack,,")).toEqual({
      type: "MATCH_CHARACTERISTICS",
      mask: "8000000000000010",
    });
  });
});
