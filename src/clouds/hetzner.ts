// Hetzner Cloud: a firewall and the server (public IPv4 and IPv6 come with it).
// Provider hetznercloud/hcloud v1 (shared/reference/clouds.md, Hetzner).
import { tfExpr, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, INBOUND_PORTS } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { encodeUserData } from "./user-data-encoding.js";

export const hetznerModule: CloudModule = {
  cloud: "hetzner",
  providerName: "hcloud",
  provider: { source: "hetznercloud/hcloud", version: "~> 1.60" },
  credentials: { anyOf: [["HCLOUD_TOKEN"]] },
  userData: { encoding: "plain", limitBytes: 32768 },
  providerBlocks: () => [{}],
  nodeResources: hetznerNodeResources,
  publicAddresses: (input) => {
    const vm = nodeNames(input).tf("vm");
    return {
      ipv4: tfExpr(ref("hcloud_server", vm, "ipv4_address")),
      ipv6: tfExpr(ref("hcloud_server", vm, "ipv6_address")),
    };
  },
};

function hetznerNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, userData } = input;
  const n = nodeNames(input);
  return {
    resource: {
      hcloud_firewall: {
        [n.tf("fw")]: {
          name: n.cloud(),
          // Inbound rules only: any outbound rule would make outbound deny-by-default.
          rule: INBOUND_PORTS.map(({ name, protocol, port }) => ({
            direction: "in",
            protocol,
            port: String(port),
            source_ips: [ANY_IPV4, ANY_IPV6],
            description: name,
          })),
        },
      },
      hcloud_server: {
        [n.tf("vm")]: {
          name: n.cloud(),
          server_type: node.size,
          image: node.image ?? "ubuntu-24.04",
          location: node.region,
          firewall_ids: [tfExpr(ref("hcloud_firewall", n.tf("fw"), "id"))],
          public_net: { ipv4_enabled: true, ipv6_enabled: true },
          // No hcloud_ssh_key: a project holds each public key once, so a second node (or a key
          // the project already has) would fail; users come with the first-boot script.
          user_data: encodeUserData(userData, hetznerModule.userData.encoding),
          labels: { ztlab_node: node.name },
        },
      },
    },
  };
}
