// IBM Cloud VPC: a VPC with a manual address prefix and subnet, a security group, the instance and
// a floating IP for direct inbound UDP. Provider IBM-Cloud/ibm v2 (shared/reference/clouds.md).
import type { PlannedNode } from "../plan/index.js";
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, CLOUD_NETWORK, INBOUND_PORTS, zoneInRegion } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { regionalProvider, regionalProviderBlocks } from "./regional-providers.js";
import { encodeUserData } from "./user-data-encoding.js";

// Stock images are named ibm-ubuntu-24-04-<N>-minimal-amd64-<M> and retired over time.
const UBUNTU_IMAGE_PATTERN = "^ibm-ubuntu-24-04-[0-9]+-minimal-amd64-[0-9]+$";

export const ibmModule: CloudModule = {
  cloud: "ibm",
  providerName: "ibm",
  provider: { source: "IBM-Cloud/ibm", version: "~> 2.0" },
  credentials: {
    anyOf: [["IC_API_KEY"], ["IBMCLOUD_API_KEY"]],
    optional: ["IC_REGION"],
  },
  // LIMITATION(#3): IBM's user-data limit is not confirmed, so no size check is made.
  userData: { encoding: "plain", limitBytes: undefined },
  // The provider defaults to us-south; each block names its region.
  providerBlocks: (nodes) => regionalProviderBlocks(nodes, (region) => ({ region })),
  nodeResources: ibmNodeResources,
  publicAddresses: (input) => ({
    ipv4: tfExpr(ref("ibm_is_floating_ip", nodeNames(input).tf("ip"), "address")),
  }),
};

/** The zone of an IBM node: its own, else the region's first zone. */
export function ibmZone(node: PlannedNode): string {
  return zoneInRegion(node) ?? `${node.region}-1`;
}

function ibmNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, userData } = input;
  const n = nodeNames(input);
  const provider = regionalProvider("ibm", node);
  const zone = ibmZone(node);
  // Without one, IBM uses the account's default resource group.
  const resource_group = node.resourceGroup;
  const vpc = tfExpr(ref("ibm_is_vpc", n.tf("vpc"), "id"));
  const group = tfExpr(ref("ibm_is_security_group", n.tf("sg"), "id"));
  const lookedUp = node.image === undefined;

  const rules: Record<string, TfBody> = {};
  for (const { name, protocol, port } of INBOUND_PORTS) {
    rules[n.tf(`in_${name}`)] = {
      provider,
      group,
      direction: "inbound",
      remote: ANY_IPV4,
      protocol,
      port_min: port,
      port_max: port,
    };
  }
  // A new security group has no rules at all, so outbound must be opened too.
  rules[n.tf("out_all")] = {
    provider,
    group,
    direction: "outbound",
    remote: ANY_IPV4,
    protocol: "all",
  };

  const data = lookedUp
    ? {
        ibm_is_images: {
          [n.tf("images")]: { provider, visibility: "public", status: "available" },
        },
      }
    : undefined;

  return {
    data,
    resource: {
      ibm_is_vpc: {
        [n.tf("vpc")]: {
          provider,
          name: n.cloud(),
          resource_group,
          address_prefix_management: "manual",
        },
      },
      ibm_is_vpc_address_prefix: {
        [n.tf("prefix")]: { provider, name: n.cloud(), vpc, zone, cidr: CLOUD_NETWORK.cidr },
      },
      ibm_is_subnet: {
        [n.tf("subnet")]: {
          provider,
          name: n.cloud(),
          vpc,
          zone,
          resource_group,
          ipv4_cidr_block: CLOUD_NETWORK.subnet,
          depends_on: [`ibm_is_vpc_address_prefix.${n.tf("prefix")}`],
        },
      },
      ibm_is_security_group: {
        [n.tf("sg")]: { provider, name: n.cloud(), vpc, resource_group },
      },
      ibm_is_security_group_rule: rules,
      ibm_is_instance: {
        [n.tf("vm")]: {
          provider,
          name: n.cloud(),
          vpc,
          zone,
          resource_group,
          profile: node.size,
          image: lookedUp ? tfExpr(newestUbuntuImage(n.tf("images"))) : node.image,
          // IBM keys are unique per region by fingerprint, so registering the lab's keys would
          // clash with keys the account already holds; users come with the first-boot script.
          keys: [],
          primary_network_interface: {
            subnet: tfExpr(ref("ibm_is_subnet", n.tf("subnet"), "id")),
            security_groups: [group],
            // Containers route through this VM. Needs the "IP Spoofing Operator" IAM role.
            allow_ip_spoofing: true,
          },
          user_data: encodeUserData(userData, ibmModule.userData.encoding),
          lifecycle: lookedUp ? { ignore_changes: ["image"] } : undefined,
        },
      },
      // A public gateway only gives outbound access; a floating IP lets UDP 9993 in as well.
      ibm_is_floating_ip: {
        [n.tf("ip")]: {
          provider,
          name: n.cloud(),
          resource_group,
          target: tfExpr(
            `${ref("ibm_is_instance", n.tf("vm"), "primary_network_interface")}[0].id`,
          ),
        },
      },
    },
  };
}

// The id of the image whose name sorts last among the matching stock Ubuntu images.
function newestUbuntuImage(images: string): string {
  const list = ref("data.ibm_is_images", images, "images");
  const names = `[for image in ${list} : image.name if can(regex("${UBUNTU_IMAGE_PATTERN}", image.name))]`;
  return `one([for image in ${list} : image.id if image.name == reverse(sort(${names}))[0]])`;
}
