import { describe, expect, it } from "vitest";
import type { FlowRulesMode } from "../../src/config/index.js";
import { compileRules, describeRulesMode, renderLabRules } from "../../src/zerotier/index.js";

const TAP = "8bd5124fd6";
const DROP = "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;";

describe("renderLabRules", () => {
  it.each<[FlowRulesMode, boolean, string[]]>([
    ["off", false, ["accept;"]],
    ["off", true, [DROP, "accept;"]],
    ["tee", false, [`tee -1 ${TAP};`, "accept;"]],
    ["tee", true, [DROP, `tee -1 ${TAP};`, "accept;"]],
    ["watch", false, [`watch -1 ${TAP} chr inbound;`, "accept;"]],
    ["watch", true, [DROP, `watch -1 ${TAP} chr inbound;`, "accept;"]],
  ])("renders mode %s with drop_non_ip %s line by line", (mode, dropNonIp, lines) => {
    expect(renderLabRules({ mode, dropNonIp }, TAP)).toBe(`${lines.join("\n")}\n`);
  });

  it.each<[FlowRulesMode, boolean]>([
    ["off", false],
    ["off", true],
    ["tee", false],
    ["tee", true],
    ["watch", false],
    ["watch", true],
  ])(
    "renders mode %s with drop_non_ip %s to a program the compiler accepts strictly",
    (mode, dropNonIp) => {
      const result = compileRules(renderLabRules({ mode, dropNonIp }, TAP), { strict: true });
      expect(result.ok).toBe(true);
    },
  );

  it("puts the tap id given into the program unchanged", () => {
    expect(renderLabRules({ mode: "tee", dropNonIp: false }, "<aws>")).toContain("tee -1 <aws>;");
  });

  it("leaves the tap id out when nothing is copied", () => {
    expect(renderLabRules({ mode: "off", dropNonIp: true }, TAP)).not.toContain(TAP);
  });
});

describe("describeRulesMode", () => {
  const TAIL = "; frames other than IPv4, ARP and IPv6 are dropped";

  it.each<[FlowRulesMode, boolean, string]>([
    ["off", false, "off: all traffic is accepted, nothing is copied"],
    ["off", true, `off: all traffic is accepted, nothing is copied${TAIL}`],
    ["tee", false, "tee: every frame of every member is copied to aws (8bd5124fd6)"],
    ["tee", true, `tee: every frame of every member is copied to aws (8bd5124fd6)${TAIL}`],
    ["watch", false, "watch: inbound frames of every member are copied to aws (8bd5124fd6)"],
    ["watch", true, `watch: inbound frames of every member are copied to aws (8bd5124fd6)${TAIL}`],
  ])("describes mode %s with drop_non_ip %s", (mode, dropNonIp, text) => {
    expect(describeRulesMode({ mode, dropNonIp, tap: "aws" }, "aws (8bd5124fd6)")).toBe(text);
  });
});
