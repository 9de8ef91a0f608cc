// Vultr: a firewall group with its rules and the instance (public IPv4 and IPv6 come with it).
// Provider vultr/vultr v2 (shared/reference/clouds.md, Vultr).
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { INBOUND_PORTS } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { encodeUserData } from "./user-data-encoding.js";

const UBUNTU_OS_NAME = "Ubuntu 24.04 LTS x64";

export const vultrModule: CloudModule = {
  cloud: "vultr",
  providerName: "vultr",
  provider: { source: "vultr/vultr", version: "~> 2.0" },
  credentials: { anyOf: [["VULTR_API_KEY"]] },
  // Plain text here; the provider base64-encodes it for the API.
  // LIMITATION(#3): Vultr's user-data limit is not confirmed, so no size check is made.
  userData: { encoding: "plain", limitBytes: undefined },
  providerBlocks: () => [{}],
  nodeResources: vultrNodeResources,
  publicAddresses: (input) => {
    const vm = nodeNames(input).tf("vm");
    return {
      ipv4: tfExpr(ref("vultr_instance", vm, "main_ip")),
      ipv6: tfExpr(ref("vultr_instance", vm, "v6_main_ip")),
    };
  },
};

function vultrNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, userData } = input;
  const n = nodeNames(input);
  const group = tfExpr(ref("vultr_firewall_group", n.tf("fw"), "id"));

  // Firewall groups filter inbound traffic only; outbound stays open.
  const rules: Record<string, TfBody> = {};
  for (const { name, protocol, port } of INBOUND_PORTS) {
    for (const [family, subnet] of [
      ["v4", "0.0.0.0"],
      ["v6", "::"],
    ] as const) {
      rules[n.tf(`in_${name}_${family}`)] = {
        firewall_group_id: group,
        protocol,
        ip_type: family,
        subnet,
        subnet_size: 0,
        port: String(port),
        notes: `${name} over IP${family}`,
      };
    }
  }

  // An override is an OS id (a number) or an OS name as Vultr lists it.
  const osById = node.image !== undefined && /^\d+$/.test(node.image);
  const data = osById
    ? undefined
    : {
        vultr_os: {
          [n.tf("os")]: { filter: [{ name: "name", values: [node.image ?? UBUNTU_OS_NAME] }] },
        },
      };

  return {
    data,
    resource: {
      vultr_firewall_group: { [n.tf("fw")]: { description: n.cloud() } },
      vultr_firewall_rule: rules,
      vultr_instance: {
        [n.tf("vm")]: {
          label: n.cloud(),
          hostname: node.name,
          region: node.region,
          plan: node.size,
          os_id: osById ? Number(node.image) : tfExpr(ref("data.vultr_os", n.tf("os"), "id")),
          enable_ipv6: true,
          backups: "disabled",
          activation_email: false,
          ddos_protection: false,
          firewall_group_id: group,
          user_data: encodeUserData(userData, vultrModule.userData.encoding),
          tags: ["ztlab", node.name],
        },
      },
    },
  };
}
