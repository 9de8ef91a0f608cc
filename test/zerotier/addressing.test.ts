import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  dockerMacOf,
  formatIpv6,
  interfaceName,
  memberAddressing,
  sixplaneContainerAddress,
  type MemberAddressing,
} from "../../src/zerotier/index.js";

const { vectors } = JSON.parse(
  readFileSync(new URL("../fixtures/zerotier/addressing-vectors.json", import.meta.url), "utf8"),
) as { vectors: MemberAddressing[] };

describe("memberAddressing", () => {
  it("has vectors to check", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(vectors.map((v) => [v.networkId, v.nodeId, v] as const))(
    "matches every field of the vector %s / %s",
    (networkId, nodeId, vector) => {
      expect(memberAddressing(networkId, nodeId)).toEqual(vector);
    },
  );

  it("accepts upper-case ids and answers in lower case", () => {
    const lower = memberAddressing("8bd5124fd6f45ffe", "deadbeef01");
    expect(memberAddressing("8BD5124FD6F45FFE", "DEADBEEF01")).toEqual(lower);
  });

  it.each([
    ["8bd5124fd6f45ff", "deadbeef01", "network id"],
    ["8bd5124fd6f45ffe", "deadbeef0", "node id"],
    ["8bd5124fd6f45ffg", "deadbeef01", "network id"],
  ])("rejects %s / %s naming the bad %s", (networkId, nodeId, what) => {
    expect(() => memberAddressing(networkId, nodeId)).toThrow(
      expect.objectContaining({
        code: "invalid-zerotier-id",
        message: expect.stringContaining(what),
      }),
    );
  });
});

describe("interfaceName", () => {
  it("counts retries past the first name", () => {
    expect(interfaceName("8bd5124fd6f45ffe")).toBe("ztyqb6mebi");
    expect(interfaceName("8bd5124fd6f45ffe", 2)).toBe("ztyqb6mebk");
  });
});

describe("sixplaneContainerAddress", () => {
  it("puts the container MAC after the node's /80", () => {
    const node = memberAddressing("8bd5124fd6f45ffe", "0123456789");
    const address = sixplaneContainerAddress("8bd5124fd6f45ffe", "0123456789", "02:42:0a:2a:06:02");
    expect(address).toBe("fc5d:214d:b101:2345:6789:242:a2a:602");
    expect(node.sixplanePrefix80.startsWith(address.split(":").slice(0, 5).join(":"))).toBe(true);
  });

  it("rejects a malformed MAC", () => {
    expect(() => sixplaneContainerAddress("8bd5124fd6f45ffe", "0123456789", "02:42:zz")).toThrow(
      /not a MAC/,
    );
  });
});

describe("dockerMacOf", () => {
  it("derives Docker's MAC from the IPv4 address", () => {
    expect(dockerMacOf("10.42.6.2")).toBe("02:42:0a:2a:06:02");
  });
});

describe("formatIpv6", () => {
  it.each([
    [[0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "fc00::1"],
    [[0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], "1:0:1::1:0:0"],
    [[0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1], "1::1:0:0:1:1"],
    [[0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7], "1:0:2:3:4:5:6:7"],
  ])("writes %j as %s", (bytes, text) => {
    expect(formatIpv6(Uint8Array.from(bytes))).toBe(text);
  });
});
