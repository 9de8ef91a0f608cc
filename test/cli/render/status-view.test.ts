import { describe, expect, it } from "vitest";
import { buildStatusView, formatAgo, renderStatus } from "../../../src/cli/render/status-view.js";
import { validateLab } from "../../../src/config/index.js";
import { resolvePlan } from "../../../src/plan/index.js";
import type { CentralMember, CentralNetwork } from "../../../src/zerotier/index.js";

const NWID = "8bd5124fd6f45ffe";
const NOW = Date.parse("2026-01-01T12:00:00Z");

const plan = resolvePlan(
  validateLab(
    {
      network: { name: "demo.lab" },
      devices: { laptop: { member_id: "a11c3411ce" } },
      instances: { do: {}, aws: {} },
    },
    { source: "test" },
  ),
);

function member(nodeId: string, fields: Partial<CentralMember> = {}): CentralMember {
  return { nodeId, name: "", lastSeen: NOW - 1_000, config: { authorized: true }, ...fields };
}

function network(fields: Partial<CentralNetwork> = {}): CentralNetwork {
  return { id: NWID, rulesSource: "accept;\n", config: { name: "demo.lab" }, ...fields };
}

describe("buildStatusView", () => {
  it("orders nodes, devices, then strangers by name, and marks missing lab members", () => {
    const view = buildStatusView({
      networkId: NWID,
      network: network(),
      members: [
        member("ffee000002", { name: "zed" }),
        member("a11c3411ce", { name: "laptop" }),
        member("ffee000001", { name: "amy" }),
        member("0a00000001", { name: "do" }),
      ],
      plan,
      outputs: {
        networkId: NWID,
        identities: { do: "0a00000001", aws: "0a00000002" },
        nodes: {},
      },
      now: NOW,
    });
    expect(view.rows.map((r) => [r.name, r.role, r.online])).toEqual([
      ["do", "node", "online"],
      ["aws", "node", "missing"],
      ["laptop", "device", "online"],
      ["amy", "unknown", "online"],
      ["zed", "unknown", "online"],
    ]);
    expect(view.network).toEqual({ id: NWID, name: "demo.lab", rulesMode: "off", tap: undefined });
  });

  it("names a lab member by its node id, not by the name Central shows", () => {
    const view = buildStatusView({
      networkId: NWID,
      network: network(),
      members: [member("0a00000009", { name: "do" }), member("0a00000001", { name: "renamed" })],
      plan,
      outputs: { networkId: NWID, identities: { do: "0a00000001" }, nodes: {} },
      now: NOW,
    });
    expect(view.rows.map((r) => [r.name, r.nodeId, r.role])).toEqual([
      ["do", "0a00000001", "node"],
      ["laptop", "a11c3411ce", "device"],
      ["do", "0a00000009", "unknown"],
    ]);
  });

  it("reads the tap from the rules and leaves out IPv6 modes the network has off", () => {
    const view = buildStatusView({
      networkId: NWID,
      network: network({
        rulesSource: "watch -1 0a00000001 chr inbound;\naccept;\n",
        config: { name: "demo.lab", v6AssignMode: { "6plane": false, rfc4193: true } },
      }),
      members: [member("0a00000001", { name: "do" })],
      plan,
      outputs: undefined,
      now: NOW,
    });
    expect(view.network).toMatchObject({ rulesMode: "watch", tap: "do" });
    expect(view.rows[0]).toMatchObject({
      sixplane: undefined,
      rfc4193: "fd8b:d512:4fd6:f45f:fe99:930a:0:1",
    });
  });
});

describe("renderStatus", () => {
  it("shows the network line, the table and a note on strangers", () => {
    const view = buildStatusView({
      networkId: NWID,
      network: network({ rulesSource: "tee -1 0a00000001;\naccept;\n" }),
      members: [
        member("0a00000001", {
          name: "do",
          physicalAddress: "203.0.113.5",
          clientVersion: "1.14.2",
          config: { authorized: true, ipAssignments: ["10.0.1.1"] },
        }),
        member("ffee000001", { name: "", lastSeen: 0, config: { authorized: false } }),
      ],
      plan,
      outputs: undefined,
      now: NOW,
    });
    expect(renderStatus(view)).toMatchInlineSnapshot(`
      "network 8bd5124fd6f45ffe  demo.lab  rules tee (tap do)  members 2, 1 online

      NAME    ROLE     NODE ID     AUTH  ONLINE          LAST SEEN  PHYSICAL     VERSION  ZEROTIER IPS  6PLANE                       RFC4193
      do      node     0a00000001  yes   yes             1s ago     203.0.113.5  1.14.2   10.0.1.1      fc5d:214d:b10a:0:1::1        fd8b:d512:4fd6:f45f:fe99:930a:0:1
      laptop  device   a11c3411ce  -     NOT IN CENTRAL  never      -            -        -             fc5d:214d:b1a1:1c34:11ce::1  fd8b:d512:4fd6:f45f:fe99:93a1:1c34:11ce
      -       UNKNOWN  ffee000001  NO    no              never      -            -        -             fc5d:214d:b1ff:ee00:1::1     fd8b:d512:4fd6:f45f:fe99:93ff:ee00:1

      1 member(s) not in the lab file (UNKNOWN)
      "
    `);
  });
});

describe("formatAgo", () => {
  it.each([
    [NOW - 4_000, "4s ago"],
    [NOW - 61_000, "1m ago"],
    [NOW - 3 * 3_600_000, "3h ago"],
    [NOW - 49 * 3_600_000, "2d ago"],
    [NOW + 5_000, "0s ago"],
    [0, "never"],
    [undefined, "never"],
  ])("writes %s as %s", (time, text) => {
    expect(formatAgo(time, NOW)).toBe(text);
  });
});
