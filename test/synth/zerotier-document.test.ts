import { describe, expect, it } from "vitest";
import type { LabInput } from "../../src/config/index.js";
import type { LabPlan } from "../../src/plan/index.js";
import { zerotierDocument } from "../../src/synth/zerotier-document.js";
import { renderTerraformJson, type TfDocument } from "../../src/terraform/index.js";
import { referencePlan } from "../helpers/synth-lab.js";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synthesized(plan: LabPlan): Json {
  const doc: TfDocument = zerotierDocument(
    plan,
    plan.nodes.filter((node) => node.enabled),
  );
  return JSON.parse(renderTerraformJson(doc)) as Json;
}

function networkOf(enabled: string[], edit?: (lab: LabInput) => void): Record<string, unknown> {
  const network = synthesized(referencePlan(enabled, edit)).resource?.zerotier_network?.demolab;
  if (network === undefined) throw new Error("no zerotier_network.demolab");
  return network;
}

function editNetwork(patch: Record<string, unknown>) {
  return (lab: LabInput) => {
    lab.network = { ...lab.network, ...patch };
  };
}

describe("zerotierDocument", () => {
  it("writes every network argument the provider would otherwise default", () => {
    expect(networkOf(["do"])).toEqual({
      name: "demo.lab",
      description: "ZeroTier Terraform Demolab",
      private: true,
      enable_broadcast: true,
      multicast_limit: 32,
      assign_ipv4: [{ zerotier: true }],
      assign_ipv6: [{ zerotier: true, sixplane: true, rfc4193: true }],
      assignment_pool: [{ start: "10.0.0.1", end: "10.0.0.254" }],
      route: [{ target: "10.0.0.0/16" }],
      flow_rules: "accept;\n",
    });
  });

  it.each([
    [{ zerotier: false, sixplane: false, rfc4193: false }],
    [{ zerotier: true, sixplane: false, rfc4193: true }],
    [{ zerotier: false, sixplane: true, rfc4193: false }],
  ])("copies the IPv6 modes %j as written", (assign) => {
    const network = networkOf(["do"], editNetwork({ assign_ipv6: assign }));
    expect(network.assign_ipv6).toEqual([assign]);
  });

  it.each([0, 1, 65535])("copies a multicast limit of %i", (limit) => {
    expect(networkOf(["do"], editNetwork({ multicast_limit: limit })).multicast_limit).toBe(limit);
  });

  it("writes the lab's own pool, route, name and description", () => {
    const network = networkOf(
      ["do"],
      editNetwork({
        name: "lab.example",
        description: "costs $5 ${x}",
        route: "10.0.0.0/12",
        assignment_pool: { start: "10.0.200.1", end: "10.0.200.9" },
      }),
    );
    expect(network).toMatchObject({
      name: "lab.example",
      description: "costs $5 $${x}",
      route: [{ target: "10.0.0.0/12" }],
      assignment_pool: [{ start: "10.0.200.1", end: "10.0.200.9" }],
    });
  });

  it.each([
    ["off", false, "accept;\n"],
    [
      "off",
      true,
      "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\naccept;\n",
    ],
    ["tee", false, 'tee -1 ${zerotier_identity.instances["aws"].id};\naccept;\n'],
    ["watch", false, 'watch -1 ${zerotier_identity.instances["aws"].id} chr inbound;\naccept;\n'],
    [
      "watch",
      true,
      "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\n" +
        'watch -1 ${zerotier_identity.instances["aws"].id} chr inbound;\naccept;\n',
    ],
  ] as const)("writes the rules of mode %s with drop_non_ip %s", (mode, dropNonIp, rules) => {
    const network = networkOf(
      ["do", "aws"],
      editNetwork({ flow_rules: { mode, tap: "aws", drop_non_ip: dropNonIp } }),
    );
    expect(network.flow_rules).toBe(rules);
  });

  it("gives each device a member with its id and description, empty when none was written", () => {
    const plan = referencePlan(["do"], (lab) => {
      lab.devices = { phone: { member_id: "0123456789" }, "my-pc": { member_id: "abcdef0123" } };
    });
    expect(synthesized(plan).resource?.zerotier_member?.devices).toEqual({
      for_each: {
        phone: { member_id: "0123456789", description: "" },
        "my-pc": { member_id: "abcdef0123", description: "" },
      },
      network_id: "${zerotier_network.demolab.id}",
      member_id: "${each.value.member_id}",
      name: "${each.key}",
      description: "${each.value.description}",
      authorized: true,
      hidden: false,
      allow_ethernet_bridging: false,
      no_auto_assign_ips: false,
    });
  });

  it("gives each enabled node an identity and a member at its fixed address", () => {
    const zt = synthesized(referencePlan(["do", "gcp"])).resource ?? {};
    const byNode = {
      do: { description: "DigitalOcean", ip_assignment: "10.0.1.1" },
      gcp: { description: "Google Compute Platform", ip_assignment: "10.0.3.1" },
    };
    expect(zt.zerotier_identity).toEqual({ instances: { for_each: byNode } });
    expect(zt.zerotier_member?.instances).toEqual({
      for_each: byNode,
      network_id: "${zerotier_network.demolab.id}",
      member_id: "${zerotier_identity.instances[each.key].id}",
      name: "${each.key}",
      description: "${each.value.description}",
      ip_assignments: ["${each.value.ip_assignment}"],
      authorized: true,
      hidden: false,
      allow_ethernet_bridging: false,
      no_auto_assign_ips: false,
    });
  });

  it("escapes a node description that reads as a template", () => {
    const plan = referencePlan(["do"], (lab) => {
      const instance = lab.instances?.do;
      if (instance !== undefined) instance.description = "uses ${HOME} and %{x}";
    });
    const identity = synthesized(plan).resource?.zerotier_identity?.instances;
    expect(identity?.for_each).toEqual({
      do: { description: "uses $${HOME} and %%{x}", ip_assignment: "10.0.1.1" },
    });
  });

  it("writes only the network and the token when no node is enabled and no device is listed", () => {
    const plan = referencePlan([], (lab) => {
      lab.devices = {};
      lab.network = { ...lab.network, flow_rules: { mode: "off", drop_non_ip: true } };
    });
    const zt = synthesized(plan).resource ?? {};
    expect(Object.keys(zt).sort()).toEqual(["zerotier_network", "zerotier_token"]);
    expect(zt.zerotier_token).toEqual({ this: { name: "demolab" } });
    expect(zt.zerotier_network?.demolab?.flow_rules).toBe(
      "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\naccept;\n",
    );
  });

  it("writes node members but no device members when the lab lists no device", () => {
    const plan = referencePlan(["do"], (lab) => {
      lab.devices = {};
    });
    const zt = synthesized(plan).resource ?? {};
    expect(Object.keys(zt.zerotier_member ?? {})).toEqual(["instances"]);
  });
});
