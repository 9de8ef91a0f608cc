// Azure: resource group, dual-stack virtual network and subnet, a network security group,
// static public IPv4 and IPv6, a forwarding NIC and the Linux VM.
// Provider hashicorp/azurerm v5 (shared/reference/clouds.md, Azure).
import { InputError } from "../errors/index.js";
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, CLOUD_NETWORK, INBOUND_PORTS, requireUsers } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { encodeUserData } from "./user-data-encoding.js";

const UBUNTU = {
  publisher: "Canonical",
  offer: "ubuntu-24_04-lts",
  sku: "server",
  version: "latest",
};
const VNET_IPV6 = "fd00:db8:deca::/48";
const SUBNET_IPV6 = "fd00:db8:deca:1::/64";
// The account cloud-init creates; lab users come from the first-boot script.
const ADMIN_USER = "ztadmin";

export const azureModule: CloudModule = {
  cloud: "azure",
  providerName: "azurerm",
  provider: { source: "hashicorp/azurerm", version: "~> 5.0" },
  credentials: {
    // A service principal, or `az login` (its profile file) plus the subscription id.
    anyOf: [
      ["ARM_SUBSCRIPTION_ID", "ARM_TENANT_ID", "ARM_CLIENT_ID", "ARM_CLIENT_SECRET"],
      ["ARM_SUBSCRIPTION_ID"],
    ],
    configFile: "~/.azure/azureProfile.json",
    optional: ["ARM_TENANT_ID", "ARM_USE_OIDC", "ARM_USE_MSI"],
  },
  // 65,535 bytes once Azure decodes the base64 we send.
  userData: { encoding: "base64", limitBytes: 4 * Math.ceil(65535 / 3) },
  providerBlocks: () => [
    {
      features: {},
      // Since 5.0 the provider registers nothing itself; a fresh subscription needs these two.
      resource_providers_to_register: ["Microsoft.Compute", "Microsoft.Network"],
    },
  ],
  nodeResources: azureNodeResources,
  publicAddresses: (input) => {
    const n = nodeNames(input);
    return {
      ipv4: tfExpr(ref("azurerm_public_ip", n.tf("ipv4"), "ip_address")),
      ipv6: tfExpr(ref("azurerm_public_ip", n.tf("ipv6"), "ip_address")),
    };
  },
};

function azureNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, plan, userData } = input;
  const n = nodeNames(input);
  const users = requireUsers(node, plan.users);
  const rg = tfExpr(ref("azurerm_resource_group", n.tf("rg"), "name"));
  const where = { resource_group_name: rg, location: node.region };
  const subnetId = tfExpr(ref("azurerm_subnet", n.tf("subnet"), "id"));

  return {
    resource: {
      azurerm_resource_group: { [n.tf("rg")]: { name: n.cloud(), location: node.region } },
      azurerm_virtual_network: {
        [n.tf("vnet")]: {
          ...where,
          name: n.cloud(),
          address_space: [CLOUD_NETWORK.cidr, VNET_IPV6],
        },
      },
      // One dual-stack subnet; the NIC takes an address of each family from it.
      azurerm_subnet: {
        [n.tf("subnet")]: {
          resource_group_name: rg,
          name: n.cloud(),
          virtual_network_name: tfExpr(ref("azurerm_virtual_network", n.tf("vnet"), "name")),
          address_prefixes: [CLOUD_NETWORK.subnet, SUBNET_IPV6],
        },
      },
      azurerm_network_security_group: { [n.tf("nsg")]: { ...where, name: n.cloud() } },
      azurerm_network_security_rule: securityRules(input),
      azurerm_public_ip: {
        [n.tf("ipv4")]: publicIp(where, n.cloud("ipv4"), "IPv4"),
        [n.tf("ipv6")]: publicIp(where, n.cloud("ipv6"), "IPv6"),
      },
      azurerm_network_interface: {
        [n.tf("nic")]: {
          ...where,
          name: n.cloud(),
          // Containers route through this VM; Azure drops packets it did not originate otherwise.
          ip_forwarding_enabled: true,
          ip_configuration: [
            ipConfiguration("ipv4", subnetId, n.tf("ipv4"), true),
            ipConfiguration("ipv6", subnetId, n.tf("ipv6"), false),
          ],
        },
      },
      azurerm_network_interface_security_group_association: {
        [n.tf("nic_nsg")]: {
          network_interface_id: tfExpr(ref("azurerm_network_interface", n.tf("nic"), "id")),
          network_security_group_id: tfExpr(
            ref("azurerm_network_security_group", n.tf("nsg"), "id"),
          ),
        },
      },
      azurerm_linux_virtual_machine: {
        [n.tf("vm")]: {
          ...where,
          name: n.cloud(),
          size: node.size,
          admin_username: ADMIN_USER,
          admin_ssh_key: users.map((user) => ({
            username: ADMIN_USER,
            public_key: user.sshPublicKey,
          })),
          disable_password_authentication: true,
          network_interface_ids: [tfExpr(ref("azurerm_network_interface", n.tf("nic"), "id"))],
          os_disk: { caching: "ReadWrite", storage_account_type: "Standard_LRS" },
          ...image(node.image, node.name),
          custom_data: encodeUserData(userData, azureModule.userData.encoding),
        },
      },
    },
  };
}

function securityRules(input: NodeResourcesInput): Record<string, TfBody> {
  const n = nodeNames(input);
  const rules: Record<string, TfBody> = {};
  // Inbound only: Azure's default rules already allow all outbound traffic.
  let priority = 100;
  for (const { name, protocol, port } of INBOUND_PORTS) {
    for (const [family, prefix] of [
      ["ipv4", ANY_IPV4],
      ["ipv6", ANY_IPV6],
    ] as const) {
      rules[n.tf(`in_${name}_${family}`)] = {
        resource_group_name: tfExpr(ref("azurerm_resource_group", n.tf("rg"), "name")),
        network_security_group_name: tfExpr(
          ref("azurerm_network_security_group", n.tf("nsg"), "name"),
        ),
        name: n.cloud(`${name}-${family}`),
        priority: priority++,
        direction: "Inbound",
        access: "Allow",
        protocol: protocol === "udp" ? "Udp" : "Tcp",
        source_port_range: "*",
        destination_port_range: String(port),
        source_address_prefix: prefix,
        destination_address_prefix: "*",
      };
    }
  }
  return rules;
}

function publicIp(where: TfBody, name: string, version: "IPv4" | "IPv6"): TfBody {
  return { ...where, name, sku: "Standard", allocation_method: "Static", ip_version: version };
}

function ipConfiguration(
  family: string,
  subnetId: TfBody[string],
  ip: string,
  primary: boolean,
): TfBody {
  return {
    name: family,
    subnet_id: subnetId,
    private_ip_address_allocation: "Dynamic",
    private_ip_address_version: family === "ipv4" ? "IPv4" : "IPv6",
    public_ip_address_id: tfExpr(ref("azurerm_public_ip", ip, "id")),
    primary,
  };
}

/** An override is an image resource id, or a marketplace URN `publisher:offer:sku:version`. */
function image(override: string | undefined, node: string): TfBody {
  if (override === undefined) return { source_image_reference: UBUNTU };
  if (override.startsWith("/")) return { source_image_id: override };
  const [publisher, offer, sku, version, ...rest] = override.split(":");
  if (publisher && offer && sku && version && rest.length === 0) {
    return { source_image_reference: { publisher, offer, sku, version } };
  }
  throw new InputError(`instances.${node}.image: "${override}" is not an Azure image`, {
    code: "invalid-image",
    hint: "use publisher:offer:sku:version, e.g. Canonical:ubuntu-24_04-lts:server:latest",
  });
}
