// Alibaba Cloud: a VPC and vSwitch, a security group with its rules, the ECS instance and an
// Elastic IP bound to it. Provider aliyun/alicloud v1 (shared/reference/clouds.md, Alibaba).
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, CLOUD_NETWORK, INBOUND_PORTS, zoneInRegion } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { regionalProvider, regionalProviderBlocks } from "./regional-providers.js";
import { encodeUserData } from "./user-data-encoding.js";

export const alibabaModule: CloudModule = {
  cloud: "alibaba",
  providerName: "alicloud",
  provider: { source: "aliyun/alicloud", version: "~> 1.289" },
  credentials: {
    anyOf: [
      ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
      ["ALIBABA_CLOUD_PROFILE"],
    ],
    configFile: "~/.aliyun/config.json",
    optional: ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_REGION"],
  },
  // 32 KB before encoding, i.e. its base64 length after.
  userData: { encoding: "base64", limitBytes: 4 * Math.ceil(32768 / 3) },
  // The provider's default region is cn-beijing, so every block names its region.
  providerBlocks: (nodes) => regionalProviderBlocks(nodes, (region) => ({ region })),
  nodeResources: alibabaNodeResources,
  publicAddresses: (input) => ({
    ipv4: tfExpr(ref("alicloud_eip_address", nodeNames(input).tf("ip"), "ip_address")),
  }),
};

function alibabaNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, userData } = input;
  const n = nodeNames(input);
  const provider = regionalProvider("alicloud", node);
  const zone = zoneInRegion(node);
  const lookedUp = node.image === undefined;
  const group = tfExpr(ref("alicloud_security_group", n.tf("sg"), "id"));

  const data: Record<string, Record<string, TfBody>> = {};
  if (lookedUp) {
    data.alicloud_images = {
      [n.tf("ubuntu")]: {
        provider,
        owners: "system",
        name_regex: "^ubuntu_24_04_x64",
        architecture: "x86_64",
        most_recent: true,
      },
    };
  }
  if (zone === undefined) {
    // No zone of this region in the lab file: the first one that sells the size.
    data.alicloud_zones = {
      [n.tf("zones")]: {
        provider,
        available_instance_type: node.size,
        available_resource_creation: "VSwitch",
      },
    };
  }

  // Inbound only: a normal security group already allows all outbound traffic.
  const rules: Record<string, TfBody> = {};
  for (const { name, protocol, port } of INBOUND_PORTS) {
    for (const [family, cidr] of [
      ["ipv4", { cidr_ip: ANY_IPV4 }],
      ["ipv6", { ipv6_cidr_ip: ANY_IPV6 }],
    ] as const) {
      rules[n.tf(`in_${name}_${family}`)] = {
        provider,
        security_group_id: group,
        type: "ingress",
        ip_protocol: protocol,
        port_range: `${port}/${port}`,
        nic_type: "intranet",
        policy: "accept",
        priority: 1,
        ...cidr,
      };
    }
  }

  return {
    data: Object.keys(data).length > 0 ? data : undefined,
    resource: {
      alicloud_vpc: {
        [n.tf("vpc")]: { provider, vpc_name: n.cloud(), cidr_block: CLOUD_NETWORK.cidr },
      },
      alicloud_vswitch: {
        [n.tf("vswitch")]: {
          provider,
          vswitch_name: n.cloud(),
          vpc_id: tfExpr(ref("alicloud_vpc", n.tf("vpc"), "id")),
          cidr_block: CLOUD_NETWORK.subnet,
          zone_id: zone ?? tfExpr(`${ref("data.alicloud_zones", n.tf("zones"), "zones")}[0].id`),
        },
      },
      alicloud_security_group: {
        [n.tf("sg")]: {
          provider,
          security_group_name: n.cloud(),
          vpc_id: tfExpr(ref("alicloud_vpc", n.tf("vpc"), "id")),
        },
      },
      alicloud_security_group_rule: rules,
      alicloud_instance: {
        [n.tf("vm")]: {
          provider,
          instance_name: n.cloud(),
          host_name: node.name,
          image_id: lookedUp
            ? tfExpr(ref("data.alicloud_images", n.tf("ubuntu"), "ids[0]"))
            : node.image,
          instance_type: node.size,
          vswitch_id: tfExpr(ref("alicloud_vswitch", n.tf("vswitch"), "id")),
          security_groups: [group],
          // Since 1.243.0 these have no defaults; the public address is the EIP below.
          instance_charge_type: "PostPaid",
          internet_charge_type: "PayByTraffic",
          internet_max_bandwidth_out: 0,
          system_disk_category: "cloud_essd",
          // Alibaba's key pairs take RSA keys only; users come with the first-boot script.
          user_data: encodeUserData(userData, alibabaModule.userData.encoding),
          // The newest-image lookup moves; without this a new image re-images the node in place.
          lifecycle: lookedUp ? { ignore_changes: ["image_id"] } : undefined,
        },
      },
      alicloud_eip_address: {
        [n.tf("ip")]: {
          provider,
          address_name: n.cloud(),
          bandwidth: "10",
          internet_charge_type: "PayByTraffic",
          payment_type: "PayAsYouGo",
        },
      },
      alicloud_eip_association: {
        [n.tf("ip_vm")]: {
          provider,
          allocation_id: tfExpr(ref("alicloud_eip_address", n.tf("ip"), "id")),
          instance_id: tfExpr(ref("alicloud_instance", n.tf("vm"), "id")),
        },
      },
    },
  };
}
