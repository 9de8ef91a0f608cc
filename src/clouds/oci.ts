// Oracle Cloud: a dual-stack VCN with internet gateway, route table, security list and subnet,
// and the instance with an ephemeral public IPv4 and an IPv6.
// Provider oracle/oci v8 (shared/reference/clouds.md, OCI).
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, CLOUD_NETWORK, INBOUND_PORTS } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { regionalProvider, regionalProviderBlocks } from "./regional-providers.js";
import { encodeUserData } from "./user-data-encoding.js";

const COMPARTMENT_VARIABLE = "oci_compartment_ocid";

// IANA protocol numbers, which OCI security rules take as strings.
const PROTOCOL_NUMBERS = { tcp: "6", udp: "17" } as const;

export const ociModule: CloudModule = {
  cloud: "oci",
  providerName: "oci",
  provider: { source: "oracle/oci", version: "~> 8.0" },
  credentials: {
    anyOf: [["OCI_TENANCY_OCID", "OCI_USER_OCID", "OCI_FINGERPRINT", "OCI_PRIVATE_KEY_PATH"]],
    configFile: "~/.oci/config",
    optional: ["OCI_CONFIG_FILE_PROFILE", `TF_VAR_${COMPARTMENT_VARIABLE}`],
  },
  // LIMITATION(#3): the 32,000 bytes cover all metadata; the SSH keys beside user_data count too.
  userData: { encoding: "base64", limitBytes: 32000 },
  providerBlocks: (nodes) => regionalProviderBlocks(nodes, (region) => ({ region })),
  nodeResources: ociNodeResources,
  labResources: ({ nodes }) =>
    nodes.some((node) => node.compartmentId === undefined)
      ? {
          variable: {
            [COMPARTMENT_VARIABLE]: {
              type: "string",
              description:
                "OCID of the compartment for OCI nodes without compartment_id in the lab file " +
                "(the tenancy OCID selects the root compartment)",
            },
          },
        }
      : {},
  publicAddresses: (input) => ({
    ipv4: tfExpr(ref("oci_core_instance", nodeNames(input).tf("vm"), "public_ip")),
  }),
};

function ociNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, plan, userData } = input;
  const n = nodeNames(input);
  const provider = regionalProvider("oci", node);
  // Without compartment_id in the lab file, the OCID comes from a Terraform variable at apply
  // time (TF_VAR_oci_compartment_ocid; the tenancy OCID is the root compartment), so the lab still
  // synthesizes without it.
  const compartment_id = node.compartmentId ?? tfExpr(`var.${COMPARTMENT_VARIABLE}`);
  const base = { provider, compartment_id };
  const vcnId = tfExpr(ref("oci_core_vcn", n.tf("vcn"), "id"));
  const igwId = tfExpr(ref("oci_core_internet_gateway", n.tf("igw"), "id"));
  const lookedUp = node.image === undefined;
  const sshKeys = plan.users.map((user) => user.sshPublicKey).join("\n");

  const data: Record<string, Record<string, TfBody>> = {
    oci_identity_availability_domains: { [n.tf("ads")]: base },
  };
  if (lookedUp) {
    data.oci_core_images = {
      [n.tf("ubuntu")]: {
        ...base,
        operating_system: "Canonical Ubuntu",
        operating_system_version: "24.04",
        // Filtering on the shape keeps out images of the other CPU architecture.
        shape: node.size,
        sort_by: "TIMECREATED",
        sort_order: "DESC",
      },
    };
  }

  return {
    data,
    resource: {
      oci_core_vcn: {
        [n.tf("vcn")]: {
          ...base,
          display_name: n.cloud(),
          cidr_blocks: [CLOUD_NETWORK.cidr],
          is_ipv6enabled: true,
        },
      },
      oci_core_internet_gateway: {
        [n.tf("igw")]: { ...base, vcn_id: vcnId, display_name: n.cloud(), enabled: true },
      },
      oci_core_route_table: {
        [n.tf("routes")]: {
          ...base,
          vcn_id: vcnId,
          display_name: n.cloud(),
          route_rules: [ANY_IPV4, ANY_IPV6].map((destination) => ({
            destination,
            destination_type: "CIDR_BLOCK",
            network_entity_id: igwId,
          })),
        },
      },
      oci_core_security_list: {
        [n.tf("seclist")]: { ...base, vcn_id: vcnId, display_name: n.cloud(), ...securityRules() },
      },
      oci_core_subnet: {
        [n.tf("subnet")]: {
          ...base,
          vcn_id: vcnId,
          display_name: n.cloud(),
          cidr_block: CLOUD_NETWORK.subnet,
          ipv6cidr_blocks: [
            tfExpr(`cidrsubnet(${ref("oci_core_vcn", n.tf("vcn"), "ipv6cidr_blocks")}[0], 8, 0)`),
          ],
          route_table_id: tfExpr(ref("oci_core_route_table", n.tf("routes"), "id")),
          security_list_ids: [tfExpr(ref("oci_core_security_list", n.tf("seclist"), "id"))],
          prohibit_public_ip_on_vnic: false,
        },
      },
      oci_core_instance: {
        [n.tf("vm")]: {
          ...base,
          display_name: n.cloud(),
          // A zone in the lab file names the availability domain; else the region's first one.
          availability_domain:
            node.zone ??
            tfExpr(
              `${ref("data.oci_identity_availability_domains", n.tf("ads"), "availability_domains")}[0].name`,
            ),
          shape: node.size,
          shape_config: node.size.endsWith(".Flex") ? { ocpus: 1, memory_in_gbs: 4 } : undefined,
          create_vnic_details: {
            subnet_id: tfExpr(ref("oci_core_subnet", n.tf("subnet"), "id")),
            assign_public_ip: true,
            assign_ipv6ip: true,
            // Containers route through this VM; OCI drops packets it did not originate otherwise.
            skip_source_dest_check: true,
          },
          source_details: {
            source_type: "image",
            source_id: lookedUp
              ? tfExpr(`${ref("data.oci_core_images", n.tf("ubuntu"), "images")}[0].id`)
              : node.image,
          },
          metadata: {
            ssh_authorized_keys: sshKeys === "" ? undefined : sshKeys,
            user_data: encodeUserData(userData, ociModule.userData.encoding),
          },
          // The newest-image lookup moves over time; a new image must not replace a running node.
          lifecycle: lookedUp ? { ignore_changes: ["source_details[0].source_id"] } : undefined,
        },
      },
    },
  };
}

function securityRules(): TfBody {
  const ingress = INBOUND_PORTS.flatMap(({ protocol, port }) =>
    [ANY_IPV4, ANY_IPV6].map((source) => ({
      protocol: PROTOCOL_NUMBERS[protocol],
      source,
      [`${protocol}_options`]: { min: port, max: port },
    })),
  );
  const egress = [ANY_IPV4, ANY_IPV6].map((destination) => ({ protocol: "all", destination }));
  return { ingress_security_rules: ingress, egress_security_rules: egress };
}
