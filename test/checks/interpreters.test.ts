import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  interpretContainerAddresses,
  interpretHttpStatus,
  interpretListNetworks,
  interpretMirroredFrames,
  interpretOspfRoutes,
  interpretPing,
  parseBirdRoutes,
  type RemoteResult,
} from "../../src/checks/index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), "utf8");

function ran(
  exitCode: number | undefined,
  stdout = "",
  stderr = "",
  extra: Partial<RemoteResult> = {},
): RemoteResult {
  return { exitCode, stdout, stderr, timedOut: false, durationMs: 40, ...extra };
}

describe("interpretListNetworks", () => {
  const want = { networkId: "8bd5124fd6f45ffe", expectedIp: "10.0.2.1" };

  it("passes a joined network with status OK and the expected IPv4", () => {
    expect(interpretListNetworks(ran(0, fixture("listnetworks-ok.json")), want)).toEqual({
      ok: true,
    });
  });

  it.each([
    ["listnetworks-denied.json", "status ACCESS_DENIED (not authorized in Central)"],
    ["listnetworks-wrong-ip.json", "10.0.2.1 not assigned (IPv4: 10.0.0.77)"],
    ["listnetworks-other-network.json", "not joined to 8bd5124fd6f45ffe"],
    ["listnetworks-empty.json", "not joined to 8bd5124fd6f45ffe"],
  ])("fails %s with the reason %j", (file, reason) => {
    expect(interpretListNetworks(ran(0, fixture(file)), want)).toEqual({ ok: false, reason });
  });

  it("says the service is down when zerotier-cli cannot connect", () => {
    const result = ran(1, fixture("zerotier-cli-not-running.txt"));
    expect(interpretListNetworks(result, want).reason).toBe("zerotier-one is not running");
  });

  it.each([
    [ran(127, "", "sh: 1: zerotier-cli: not found\n"), "zerotier-cli is not installed on the node"],
    [
      ran(255, "", "ssh: connect to host 10.1.1.1 port 22: Connection refused\n"),
      "ssh: connect to host 10.1.1.1 port 22: Connection refused",
    ],
    [ran(124), "timed out on the node"],
    [ran(undefined, "", "", { timedOut: true, durationMs: 8_000 }), "no answer within 8 s"],
    [ran(0, "not json"), "zerotier-cli printed something other than a network list"],
    [ran(1, "", "sudo: a password is required\n"), "sudo asks for a password"],
  ])("fails a command that did not really run: %#", (result, reason) => {
    expect(interpretListNetworks(result, want)).toEqual({ ok: false, reason });
  });
});

describe("interpretPing", () => {
  it.each([
    ["iputils", ran(0, fixture("ping-iputils-ok.txt"))],
    ["busybox", ran(0, fixture("ping-busybox-ok.txt"))],
  ])("passes a %s reply", (_, result) => {
    expect(interpretPing(result)).toEqual({ ok: true });
  });

  it.each([
    ["iputils loss", ran(1, fixture("ping-iputils-loss.txt")), "no reply"],
    ["busybox loss", ran(1, fixture("ping-busybox-loss.txt")), "no reply"],
    ["unreachable", ran(1, fixture("ping-iputils-unreachable.txt")), "destination unreachable"],
    ["no name", ran(2, "", fixture("ping-iputils-no-name.stderr")), "name does not resolve"],
    ["no route", ran(2, "", fixture("ping-iputils-no-route.stderr")), "no route to it"],
    ["busybox no route", ran(1, "", fixture("ping-busybox-no-route.stderr")), "no route to it"],
    ["busybox bad name", ran(1, "", "ping: bad address 'gcp.demo.lab'\n"), "name does not resolve"],
    [
      "odd failure",
      ran(2, "", "ping: socket: Operation not permitted\n"),
      "ping failed: ping: socket: Operation not permitted",
    ],
  ])("fails on %s with %j", (_, result, reason) => {
    expect(interpretPing(result)).toEqual({ ok: false, reason });
  });

  it("checks that a name resolves to the expected address", () => {
    expect(
      interpretPing(ran(0, fixture("ping-iputils-ok.txt")), { expectedAddress: "10.0.3.1" }).ok,
    ).toBe(true);
    expect(
      interpretPing(ran(0, fixture("ping-iputils-wrong-address.txt")), {
        expectedAddress: "10.0.3.1",
      }),
    ).toEqual({ ok: false, reason: "resolves to 10.0.9.9, expected 10.0.3.1" });
  });
});

describe("interpretHttpStatus", () => {
  it("passes 200", () => {
    expect(interpretHttpStatus(ran(0, "200"))).toEqual({ ok: true });
  });

  it.each([
    [ran(0, "502"), "HTTP 502, expected 200"],
    [ran(0, "404"), "HTTP 404, expected 200"],
    [ran(6, "000", fixture("curl-no-name.stderr")), "name does not resolve"],
    [ran(7, "000", fixture("curl-refused.stderr")), "connection refused or unreachable"],
    [ran(28, "000", fixture("curl-timeout.stderr")), "no answer in time"],
    [ran(127, "", "sh: curl: not found"), "curl is not installed on the node"],
  ])("fails %#: %j", (result, reason) => {
    expect(interpretHttpStatus(result)).toEqual({ ok: false, reason });
  });
});

describe("parseBirdRoutes", () => {
  it("reads prefixes, protocols and OSPF types, alternates included", () => {
    expect(parseBirdRoutes(fixture("bird-routes-ok.txt"))).toEqual([
      { prefix: "10.0.0.0/16", protocol: "ospf1", ospfType: "I" },
      { prefix: "10.0.0.0/16", protocol: "direct1", ospfType: undefined },
      { prefix: "10.42.1.0/24", protocol: "direct1", ospfType: undefined },
      { prefix: "10.42.1.0/24", protocol: "ospf1", ospfType: "I" },
      { prefix: "10.42.2.0/24", protocol: "ospf1", ospfType: "I" },
      { prefix: "10.42.3.0/24", protocol: "ospf1", ospfType: "I" },
    ]);
  });
});

describe("interpretOspfRoutes", () => {
  const peers = [
    { prefix: "10.42.2.0/24", node: "aws" },
    { prefix: "10.42.3.0/24", node: "gcp" },
  ];

  it("passes when every peer's container network has an OSPF route", () => {
    expect(interpretOspfRoutes(ran(0, fixture("bird-routes-ok.txt")), peers)).toEqual({ ok: true });
  });

  it.each([
    ["bird-routes-missing.txt", 0, "no OSPF route to 10.42.3.0/24 (gcp)"],
    ["bird-routes-static-only.txt", 0, "no OSPF route to 10.42.2.0/24 (aws), 10.42.3.0/24 (gcp)"],
    ["bird-not-running.txt", 1, "bird is not running"],
  ])("fails %s with %j", (file, code, reason) => {
    expect(interpretOspfRoutes(ran(code, fixture(file)), peers)).toEqual({ ok: false, reason });
  });
});

describe("interpretContainerAddresses", () => {
  const want = { ipv4Cidr: "10.42.1.0/24", sixplanePrefix80: "fc5d:214d:b101:2345:6789::/80" };

  it("returns the container's IPv4 and 6PLANE address", () => {
    expect(interpretContainerAddresses(ran(0, fixture("ip-addr-container-ok.json")), want)).toEqual(
      {
        ok: true,
        addresses: { ipv4: "10.42.1.2", ipv6: "fc5d:214d:b101:2345:6789:242:a2a:102" },
      },
    );
  });

  it.each([
    ["ip-addr-container-no-ipv6.json", "container has no IPv6 in fc5d:214d:b101:2345:6789::/80"],
    [
      "ip-addr-container-wrong-prefix.json",
      "container has no IPv6 in fc5d:214d:b101:2345:6789::/80",
    ],
  ])("fails %s", (file, reason) => {
    const verdict = interpretContainerAddresses(ran(0, fixture(file)), want);
    expect(verdict).toMatchObject({ ok: false, reason, addresses: { ipv4: "10.42.1.2" } });
  });

  it("reports a probe container that did not start", () => {
    const result = ran(125, "", "docker: Error response from daemon: pull access denied.\n");
    expect(interpretContainerAddresses(result, want).reason).toBe(
      "probe container did not start: docker: Error response from daemon: pull access denied.",
    );
  });
});

describe("interpretMirroredFrames", () => {
  const between = ["10.0.2.1", "10.0.3.1"] as const;

  it("passes when the tap saw frames between the probe's ends", () => {
    const result = ran(0, fixture("tshark-mirrored.txt"), fixture("tshark-capturing.stderr"));
    expect(interpretMirroredFrames(result, { between })).toEqual({ ok: true });
  });

  it("fails when only other traffic was captured", () => {
    const result = ran(0, fixture("tshark-other-traffic.txt"));
    expect(interpretMirroredFrames(result, { between }).reason).toBe(
      "no mirrored frames between 10.0.2.1 and 10.0.3.1 reached the tap",
    );
  });

  it("fails when tshark cannot open the interface", () => {
    const result = ran(2, "", fixture("tshark-no-device.stderr"));
    expect(interpretMirroredFrames(result, { between }).reason).toMatch(/^tshark cannot capture: /);
  });
});
