import { describe, expect, it } from "vitest";
import { hetznerModule } from "../../src/clouds/hetzner.js";
import { exprText, onlyResource } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics } from "./support/node-basics.js";

const plan = referencePlan({ hcl: {} });
const doc = () => hetznerModule.nodeResources(nodeInput(plan, "hcl"));
const serverOf = (d: ReturnType<typeof doc>) => onlyResource(d, "hcloud_server");

describe("hetznerModule", () => {
  itPassesNodeBasics({
    module: hetznerModule,
    plan,
    node: "hcl",
    twoNodes: {
      plan: referencePlan({ hcl: {}, hcl2: { cloud: "hetzner", region: "ash", size: "cpx11" } }),
      nodes: ["hcl", "hcl2"],
    },
    userDataOf: (d) => serverOf(d).user_data,
  });

  it("opens UDP 9993 and SSH inbound from both families and adds no outbound rule", () => {
    expect(onlyResource(doc(), "hcloud_firewall").rule).toEqual([
      {
        direction: "in",
        protocol: "udp",
        port: "9993",
        source_ips: ["0.0.0.0/0", "::/0"],
        description: "zerotier",
      },
      {
        direction: "in",
        protocol: "tcp",
        port: "22",
        source_ips: ["0.0.0.0/0", "::/0"],
        description: "ssh",
      },
    ]);
  });

  it("creates the server by location with public IPv4 and IPv6 and the firewall", () => {
    const server = serverOf(doc());
    expect(server).toMatchObject({
      server_type: "cx23",
      image: "ubuntu-24.04",
      location: "nbg1",
      public_net: { ipv4_enabled: true, ipv6_enabled: true },
    });
    expect(server.datacenter).toBeUndefined();
    expect((server.firewall_ids as unknown[]).map((id) => exprText(id as never))).toEqual([
      "hcloud_firewall.hcl_fw.id",
    ]);
  });

  it("reports both public addresses", () => {
    const addresses = hetznerModule.publicAddresses(nodeInput(plan, "hcl"));
    expect(addresses.ipv4.expression).toBe("hcloud_server.hcl_vm.ipv4_address");
    expect(addresses.ipv6?.expression).toBe("hcloud_server.hcl_vm.ipv6_address");
  });
});
