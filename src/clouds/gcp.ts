// Google Cloud: a dual-stack VPC network and subnetwork, ingress firewall rules, a static
// external IPv4 and the instance. Provider hashicorp/google v7 (shared/reference/clouds.md).
import type { PlannedNode } from "../plan/index.js";
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, CLOUD_NETWORK, INBOUND_PORTS, zoneInRegion } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { encodeUserData } from "./user-data-encoding.js";

// An image family: the provider resolves it to the newest image at creation and does not
// replace the VM when the family moves on, which is the lookup Google recommends.
const UBUNTU_FAMILY = "ubuntu-os-cloud/ubuntu-2404-lts-amd64";

export const gcpModule: CloudModule = {
  cloud: "gcp",
  providerName: "google",
  provider: { source: "hashicorp/google", version: "~> 7.0" },
  credentials: {
    anyOf: [["GOOGLE_CREDENTIALS"], ["GOOGLE_APPLICATION_CREDENTIALS"]],
    configFile: "~/.config/gcloud/application_default_credentials.json",
    optional: ["GOOGLE_PROJECT", "GOOGLE_REGION", "GOOGLE_ZONE"],
  },
  // 256 KB per metadata value (unconfirmed in clouds.md).
  userData: { encoding: "plain", limitBytes: 262144 },
  // Region, zone and project are set on each resource, so one provider block serves every node.
  providerBlocks: () => [{}],
  nodeResources: gcpNodeResources,
  publicAddresses: (input) => {
    const n = nodeNames(input);
    return {
      ipv4: tfExpr(ref("google_compute_address", n.tf("ip"), "address")),
      ipv6: tfExpr(
        `${ref("google_compute_instance", n.tf("vm"), "network_interface")}[0].ipv6_access_config[0].external_ipv6`,
      ),
    };
  },
};

/** The zone of a GCP node: its own, else zone b of its region (present in nearly every region). */
export function gcpZone(node: PlannedNode): string {
  return zoneInRegion(node) ?? `${node.region}-b`;
}

function gcpNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, plan, userData } = input;
  const n = nodeNames(input);
  // Without a project in the lab file, the provider takes GOOGLE_PROJECT from the environment.
  const project = node.project;
  const network = tfExpr(ref("google_compute_network", n.tf("network"), "self_link"));
  const sshKeys = plan.users.map((user) => `${user.username}:${user.sshPublicKey}`).join("\n");

  const firewall: Record<string, TfBody> = {};
  // Ingress only: GCP's implied rules allow all egress. One rule per address family.
  for (const [family, range] of [
    ["ipv4", ANY_IPV4],
    ["ipv6", ANY_IPV6],
  ] as const) {
    firewall[n.tf(`in_${family}`)] = {
      project,
      name: n.cloud(`in-${family}`),
      network,
      direction: "INGRESS",
      source_ranges: [range],
      allow: INBOUND_PORTS.map(({ protocol, port }) => ({ protocol, ports: [String(port)] })),
    };
  }

  return {
    resource: {
      google_compute_network: {
        [n.tf("network")]: { project, name: n.cloud(), auto_create_subnetworks: false },
      },
      google_compute_subnetwork: {
        [n.tf("subnet")]: {
          project,
          name: n.cloud(),
          network,
          region: node.region,
          ip_cidr_range: CLOUD_NETWORK.subnet,
          stack_type: "IPV4_IPV6",
          ipv6_access_type: "EXTERNAL",
        },
      },
      google_compute_firewall: firewall,
      google_compute_address: {
        [n.tf("ip")]: { project, name: n.cloud(), region: node.region, address_type: "EXTERNAL" },
      },
      google_compute_instance: {
        [n.tf("vm")]: {
          project,
          name: n.cloud(),
          zone: gcpZone(node),
          machine_type: node.size,
          // Containers route through this VM; GCP drops packets it did not originate otherwise.
          can_ip_forward: true,
          allow_stopping_for_update: true,
          boot_disk: { initialize_params: { image: node.image ?? UBUNTU_FAMILY } },
          network_interface: [
            {
              subnetwork: tfExpr(ref("google_compute_subnetwork", n.tf("subnet"), "self_link")),
              stack_type: "IPV4_IPV6",
              access_config: [
                { nat_ip: tfExpr(ref("google_compute_address", n.tf("ip"), "address")) },
              ],
              ipv6_access_config: [{ network_tier: "PREMIUM" }],
            },
          ],
          metadata: {
            "user-data": encodeUserData(userData, gcpModule.userData.encoding),
            "ssh-keys": sshKeys === "" ? undefined : sshKeys,
          },
        },
      },
    },
  };
}
