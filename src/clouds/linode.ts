// Akamai Cloud (Linode): a firewall attached to the instance (public IPv4 and IPv6 come with it).
// Provider linode/linode v3 (shared/reference/clouds.md, Akamai / Linode).
import { tfExpr, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, INBOUND_PORTS, requireUsers } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { encodeUserData } from "./user-data-encoding.js";

export const linodeModule: CloudModule = {
  cloud: "linode",
  providerName: "linode",
  provider: { source: "linode/linode", version: "~> 3.0" },
  credentials: { anyOf: [["LINODE_TOKEN"]] },
  // LIMITATION(#3): Linode's user-data limit is not confirmed, so no size check is made.
  userData: { encoding: "base64", limitBytes: undefined },
  providerBlocks: () => [{}],
  nodeResources: linodeNodeResources,
  publicAddresses: (input) => {
    const vm = nodeNames(input).tf("vm");
    return {
      ipv4: tfExpr(ref("linode_instance", vm, "ip_address")),
      ipv6: tfExpr(`split("/", ${ref("linode_instance", vm, "ipv6")})[0]`),
    };
  },
};

function linodeNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, plan, userData } = input;
  const n = nodeNames(input);
  // An image needs a root password or SSH keys; keys avoid a password in state.
  const users = requireUsers(node, plan.users);
  return {
    resource: {
      linode_instance: {
        [n.tf("vm")]: {
          label: n.cloud(),
          region: node.region,
          type: node.size,
          image: node.image ?? "linode/ubuntu24.04",
          authorized_keys: users.map((user) => user.sshPublicKey),
          metadata: { user_data: encodeUserData(userData, linodeModule.userData.encoding) },
          tags: ["ztlab"],
        },
      },
      linode_firewall: {
        [n.tf("fw")]: {
          label: n.cloud(),
          inbound_policy: "DROP",
          outbound_policy: "ACCEPT",
          inbound: INBOUND_PORTS.map(({ name, protocol, port }) => ({
            label: name,
            action: "ACCEPT",
            protocol: protocol.toUpperCase(),
            ports: String(port),
            ipv4: [ANY_IPV4],
            ipv6: [ANY_IPV6],
          })),
          // Attached from the firewall side: `firewall_id` on the instance forces a new instance.
          linodes: [tfExpr(ref("linode_instance", n.tf("vm"), "id"))],
        },
      },
    },
  };
}
