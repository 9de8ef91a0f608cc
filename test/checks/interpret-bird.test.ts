import { describe, expect, it } from "vitest";
import { interpretOspfRoutes, parseBirdRoutes } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

const peers = [{ prefix: "10.42.2.0/24", node: "aws" }];

describe("parseBirdRoutes on other formats", () => {
  it("reads ISO timestamps, external OSPF types and skips headers", () => {
    const text = [
      "BIRD 2.0.12 ready.",
      "Table master4:",
      "10.42.2.0/24         unicast [ospf1 2026-01-02 12:01:33] * I (150/20) [10.42.2.1]",
      "\tvia 10.0.2.1 on ztyqb6mebi",
      "10.42.3.0/24         unicast [ospf1 12:01:33.512] * E2 (150/20/10000) [10.42.3.1]",
      "10.42.4.0/24         blackhole [static1 12:00:00.000] * (200)",
      "",
    ].join("\n");
    expect(parseBirdRoutes(text)).toEqual([
      { prefix: "10.42.2.0/24", protocol: "ospf1", ospfType: "I" },
      { prefix: "10.42.3.0/24", protocol: "ospf1", ospfType: "E2" },
      { prefix: "10.42.4.0/24", protocol: "static1", ospfType: undefined },
    ]);
  });

  it.each([
    ["empty output", ""],
    ["only the banner", "BIRD 2.0.12 ready.\nTable master4:\n"],
    [
      "a continuation line with no prefix before it",
      "   unicast [ospf1 12:01:33] I (150/30) [x]\n",
    ],
  ])("finds no route in %s", (_name, text) => {
    expect(parseBirdRoutes(text)).toEqual([]);
  });
});

describe("interpretOspfRoutes on odd output", () => {
  it("fails empty output naming every missing peer", () => {
    expect(interpretOspfRoutes(ran(0), peers)).toEqual({
      ok: false,
      reason: "no OSPF route to 10.42.2.0/24 (aws)",
    });
  });

  it("passes when no peer is expected", () => {
    expect(interpretOspfRoutes(ran(0), [])).toEqual({ ok: true });
  });

  it("names birdc's complaint when it exits non-zero", () => {
    expect(interpretOspfRoutes(ran(1, "", "syntax error, unexpected END\n"), peers)).toEqual({
      ok: false,
      reason: "birdc failed: syntax error, unexpected END",
    });
  });
});
