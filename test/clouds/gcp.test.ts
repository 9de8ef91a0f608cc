import { describe, expect, it } from "vitest";
import { gcpModule } from "../../src/clouds/gcp.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => gcpModule.nodeResources(nodeInput(plan, "gcp"));
const metadataOf = (d: ReturnType<typeof doc>) =>
  onlyResource(d, "google_compute_instance").metadata as Record<string, unknown>;

describe("gcpModule", () => {
  itPassesNodeBasics({
    module: gcpModule,
    plan,
    node: "gcp",
    twoNodes: { plan: planWithSecondNode("gcp", "gcp2", "europe-west4"), nodes: ["gcp", "gcp2"] },
    userDataOf: (d) => metadataOf(d)["user-data"] as never,
  });

  it("builds a custom-mode network with a dual-stack subnetwork in the node's region", () => {
    expect(onlyResource(doc(), "google_compute_network")).toMatchObject({
      auto_create_subnetworks: false,
    });
    expect(onlyResource(doc(), "google_compute_subnetwork")).toMatchObject({
      region: "us-east1",
      stack_type: "IPV4_IPV6",
      ipv6_access_type: "EXTERNAL",
    });
  });

  it("opens UDP 9993 and SSH inbound, one rule per address family", () => {
    const rules = resourcesOf(doc(), "google_compute_firewall");
    expect(rules.map((r) => r.source_ranges).sort()).toEqual([["0.0.0.0/0"], ["::/0"]]);
    for (const rule of rules) {
      expect(rule.direction).toBe("INGRESS");
      expect(rule.allow).toEqual([
        { protocol: "udp", ports: ["9993"] },
        { protocol: "tcp", ports: ["22"] },
      ]);
    }
  });

  it("forwards, takes a static IPv4 and an IPv6, and boots Ubuntu 24.04 from its family", () => {
    const vm = onlyResource(doc(), "google_compute_instance");
    expect(vm).toMatchObject({
      can_ip_forward: true,
      zone: "us-east1-b",
      machine_type: "e2-micro",
    });
    expect(vm.boot_disk).toEqual({
      initialize_params: { image: "ubuntu-os-cloud/ubuntu-2404-lts-amd64" },
    });
    const nic = (vm.network_interface as unknown as Record<string, unknown>[])[0] ?? {};
    expect(nic.stack_type).toBe("IPV4_IPV6");
    const access = nic.access_config as Record<string, never>[];
    expect(exprText(access[0]?.nat_ip)).toBe("google_compute_address.gcp_ip.address");
    expect(nic.ipv6_access_config).toEqual([{ network_tier: "PREMIUM" }]);
  });

  it("puts every user's key in ssh-keys metadata and the script in plain user-data", () => {
    const metadata = metadataOf(doc());
    expect(metadata["ssh-keys"]).toBe(
      plan.users.map((u) => `${u.username}:${u.sshPublicKey}`).join("\n"),
    );
    expect(gcpModule.userData.encoding).toBe("plain");
  });

  it("sets the lab file's project on every resource when given, and none otherwise", () => {
    const withProject = referencePlan({ gcp: { project: "lab-project-1" } });
    const d = gcpModule.nodeResources(nodeInput(withProject, "gcp"));
    for (const byName of Object.values(d.resource ?? {})) {
      for (const body of Object.values(byName)) expect(body.project).toBe("lab-project-1");
    }
    expect(onlyResource(doc(), "google_compute_instance").project).toBeUndefined();
  });

  it("picks zone b of an overridden region when the zone is of another region", () => {
    const moved = planWithSecondNode("gcp", "gcp2", "europe-west4");
    expect(
      onlyResource(gcpModule.nodeResources(nodeInput(moved, "gcp2")), "google_compute_instance")
        .zone,
    ).toBe("europe-west4-b");
  });
});
