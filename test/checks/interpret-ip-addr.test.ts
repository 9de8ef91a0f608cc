import { describe, expect, it } from "vitest";
import { interpretContainerAddresses } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

const want = { ipv4Cidr: "10.42.1.0/24", sixplanePrefix80: "fc5d:214d:b101:2345:6789::/80" };
const none = { ipv4: undefined, ipv6: undefined };

function links(...addrInfo: Record<string, unknown>[]): string {
  return JSON.stringify([{ ifname: "eth0", addr_info: addrInfo }]);
}

const V4 = { family: "inet", local: "10.42.1.2", prefixlen: 24, scope: "global" };
const V6 = { family: "inet6", local: "fc5d:214d:b101:2345:6789::2", prefixlen: 80 };

describe("interpretContainerAddresses on unexpected output", () => {
  it.each([
    ["a list cut off mid-entry", `[{"ifname":"eth0","addr_info":[{"family":"inet","local":"10.4`],
    ["a link without addr_info", JSON.stringify([{ ifname: "eth0" }])],
    ["an address without prefixlen", links({ family: "inet", local: "10.42.1.2" })],
    ["plain text", "3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 2800"],
  ])("says ip printed something unexpected for %s", (_name, stdout) => {
    expect(interpretContainerAddresses(ran(0, stdout), want)).toEqual({
      ok: false,
      reason: "ip printed something other than an address list",
      addresses: none,
    });
  });

  it("says the container did not start when the command failed without output", () => {
    expect(interpretContainerAddresses(ran(1), want)).toEqual({
      ok: false,
      reason: "probe container did not start: no output",
      addresses: none,
    });
  });

  it("fails an empty link list for want of IPv4", () => {
    expect(interpretContainerAddresses(ran(0, "[]"), want)).toEqual({
      ok: false,
      reason: "container has no IPv4 in 10.42.1.0/24",
      addresses: none,
    });
  });

  it("passes a container network of another size", () => {
    const stdout = links({ ...V4, local: "10.50.7.2", prefixlen: 16 }, { ...V6, scope: "global" });
    const verdict = interpretContainerAddresses(ran(0, stdout), {
      ...want,
      ipv4Cidr: "10.50.0.0/16",
    });
    expect(verdict).toEqual({
      ok: true,
      addresses: { ipv4: "10.50.7.2", ipv6: "fc5d:214d:b101:2345:6789::2" },
    });
  });

  it.each([
    ["link scope", { ...V6, scope: "link" }],
    ["no scope", V6],
    ["the next /80", { ...V6, local: "fc5d:214d:b101:2345:678a::2", scope: "global" }],
  ])("does not count a 6PLANE address with %s", (_name, v6) => {
    const verdict = interpretContainerAddresses(ran(0, links(V4, v6)), want);
    expect(verdict).toEqual({
      ok: false,
      reason: "container has no IPv6 in fc5d:214d:b101:2345:6789::/80",
      addresses: { ipv4: "10.42.1.2", ipv6: undefined },
    });
  });

  it("finds the addresses on any link the output lists", () => {
    const stdout = JSON.stringify([
      { ifname: "lo", addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }] },
      { ifname: "eth0", addr_info: [V4, { ...V6, scope: "global" }] },
    ]);
    expect(interpretContainerAddresses(ran(0, stdout), want).ok).toBe(true);
  });

  it("accepts the whole address space as the container network", () => {
    const stdout = links(V4, { ...V6, scope: "global" });
    expect(interpretContainerAddresses(ran(0, stdout), { ...want, ipv4Cidr: "0.0.0.0/0" }).ok).toBe(
      true,
    );
  });

  it("matches a /32 container network only on its own address", () => {
    const stdout = links(V4, { ...V6, scope: "global" });
    const other = interpretContainerAddresses(ran(0, stdout), {
      ...want,
      ipv4Cidr: "10.42.1.3/32",
    });
    const own = interpretContainerAddresses(ran(0, stdout), { ...want, ipv4Cidr: "10.42.1.2/32" });
    expect([other.ok, own.ok]).toEqual([false, true]);
  });
});
