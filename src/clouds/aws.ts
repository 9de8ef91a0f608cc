// AWS: a VPC with IPv6, internet gateway and routes, a security group, an Elastic IP and the
// instance. Provider hashicorp/aws v6 (see shared/reference/clouds.md, AWS).
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, NodeResourcesInput } from "./cloud-module.js";
import { ANY_IPV4, ANY_IPV6, CLOUD_NETWORK, INBOUND_PORTS, zoneInRegion } from "./node-settings.js";
import { nodeNames, ref } from "./node-naming.js";
import { regionalProvider, regionalProviderBlocks } from "./regional-providers.js";
import { encodeUserData } from "./user-data-encoding.js";

// Canonical's account; the name pattern gained `-gp3` with 24.04.
const CANONICAL_OWNER = "099720109477";
const UBUNTU_AMI_NAME = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*";

export const awsModule: CloudModule = {
  cloud: "aws",
  providerName: "aws",
  provider: { source: "hashicorp/aws", version: "~> 6.0" },
  credentials: {
    anyOf: [["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], ["AWS_PROFILE"]],
    configFile: "~/.aws/credentials",
    optional: ["AWS_SESSION_TOKEN", "AWS_REGION"],
  },
  // 16 KiB of raw (gzip) data before base64, which AWS adds around it.
  userData: { encoding: "base64gzip", limitBytes: 4 * Math.ceil(16384 / 3) },
  providerBlocks: (nodes) => regionalProviderBlocks(nodes, (region) => ({ region })),
  nodeResources: awsNodeResources,
  publicAddresses: (input) => {
    const n = nodeNames(input);
    return {
      ipv4: tfExpr(ref("aws_eip", n.tf("ip"), "public_ip")),
      ipv6: tfExpr(`${ref("aws_instance", n.tf("vm"), "ipv6_addresses")}[0]`),
    };
  },
};

function awsNodeResources(input: NodeResourcesInput): TfDocument {
  const { node, plan } = input;
  const n = nodeNames(input);
  const provider = regionalProvider("aws", node);
  const vpc = n.tf("vpc");
  const igw = n.tf("igw");
  const sg = n.tf("sg");
  const keyUser = plan.users[0];
  const tags = { Name: n.cloud(), ztlab_node: node.name };

  const network: Record<string, Record<string, TfBody>> = {
    aws_vpc: {
      [vpc]: {
        provider,
        cidr_block: CLOUD_NETWORK.cidr,
        assign_generated_ipv6_cidr_block: true,
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags,
      },
    },
    aws_subnet: {
      [n.tf("subnet")]: {
        provider,
        vpc_id: tfExpr(ref("aws_vpc", vpc, "id")),
        cidr_block: CLOUD_NETWORK.subnet,
        ipv6_cidr_block: tfExpr(`cidrsubnet(${ref("aws_vpc", vpc, "ipv6_cidr_block")}, 8, 1)`),
        availability_zone: zoneInRegion(node),
        assign_ipv6_address_on_creation: true,
        tags,
      },
    },
    aws_internet_gateway: {
      [igw]: { provider, vpc_id: tfExpr(ref("aws_vpc", vpc, "id")), tags },
    },
    aws_route_table: {
      [n.tf("routes")]: { provider, vpc_id: tfExpr(ref("aws_vpc", vpc, "id")), tags },
    },
    // Separate route resources: inline `route` blocks in JSON must spell out every attribute.
    aws_route: {
      [n.tf("default_ipv4")]: defaultRoute(provider, n.tf("routes"), igw, {
        destination_cidr_block: ANY_IPV4,
      }),
      [n.tf("default_ipv6")]: defaultRoute(provider, n.tf("routes"), igw, {
        destination_ipv6_cidr_block: ANY_IPV6,
      }),
    },
    aws_route_table_association: {
      [n.tf("subnet_routes")]: {
        provider,
        subnet_id: tfExpr(ref("aws_subnet", n.tf("subnet"), "id")),
        route_table_id: tfExpr(ref("aws_route_table", n.tf("routes"), "id")),
      },
    },
  };

  const resource: Record<string, Record<string, TfBody>> = {
    ...network,
    ...securityGroup(input, provider, sg, vpc, tags),
    aws_instance: { [n.tf("vm")]: instance(input, provider, keyUser !== undefined, tags) },
    // A fixed public IPv4 that survives stop/start; depends on the gateway as AWS requires.
    aws_eip: {
      [n.tf("ip")]: {
        provider,
        domain: "vpc",
        instance: tfExpr(ref("aws_instance", n.tf("vm"), "id")),
        depends_on: [`aws_internet_gateway.${igw}`],
        tags,
      },
    },
  };
  if (keyUser !== undefined) {
    // One key pair only (AWS takes one per instance); every user's key comes with the boot script.
    resource.aws_key_pair = {
      [n.tf("key")]: { provider, key_name: n.cloud(), public_key: keyUser.sshPublicKey, tags },
    };
  }

  const data =
    node.image === undefined ? { aws_ami: { [n.tf("ubuntu")]: amiLookup(provider) } } : undefined;
  return { data, resource };
}

function defaultRoute(provider: string, table: string, igw: string, destination: TfBody): TfBody {
  return {
    provider,
    route_table_id: tfExpr(ref("aws_route_table", table, "id")),
    gateway_id: tfExpr(ref("aws_internet_gateway", igw, "id")),
    ...destination,
  };
}

function securityGroup(
  input: NodeResourcesInput,
  provider: string,
  sg: string,
  vpc: string,
  tags: TfBody,
): Record<string, Record<string, TfBody>> {
  const n = nodeNames(input);
  const groupId = tfExpr(ref("aws_security_group", sg, "id"));
  const ingress: Record<string, TfBody> = {};
  for (const { name, protocol, port } of INBOUND_PORTS) {
    for (const [family, cidr] of [
      ["ipv4", ANY_IPV4],
      ["ipv6", ANY_IPV6],
    ] as const) {
      ingress[n.tf(`in_${name}_${family}`)] = {
        provider,
        security_group_id: groupId,
        ip_protocol: protocol,
        from_port: port,
        to_port: port,
        [`cidr_${family}`]: cidr,
      };
    }
  }
  // A security group made by Terraform starts without the default allow-all egress rule.
  const egress: Record<string, TfBody> = {
    [n.tf("out_all_ipv4")]: {
      provider,
      security_group_id: groupId,
      ip_protocol: "-1",
      cidr_ipv4: ANY_IPV4,
    },
    [n.tf("out_all_ipv6")]: {
      provider,
      security_group_id: groupId,
      ip_protocol: "-1",
      cidr_ipv6: ANY_IPV6,
    },
  };
  return {
    aws_security_group: {
      [sg]: {
        provider,
        name: n.cloud(),
        description: `ztlab node ${input.node.name}: ZeroTier and SSH in, all out`,
        vpc_id: tfExpr(ref("aws_vpc", vpc, "id")),
        tags,
      },
    },
    aws_vpc_security_group_ingress_rule: ingress,
    aws_vpc_security_group_egress_rule: egress,
  };
}

function instance(
  input: NodeResourcesInput,
  provider: string,
  hasKey: boolean,
  tags: TfBody,
): TfBody {
  const { node, userData } = input;
  const n = nodeNames(input);
  const lookedUp = node.image === undefined;
  return {
    provider,
    ami: lookedUp ? tfExpr(ref("data.aws_ami", n.tf("ubuntu"), "id")) : node.image,
    instance_type: node.size,
    subnet_id: tfExpr(ref("aws_subnet", n.tf("subnet"), "id")),
    vpc_security_group_ids: [tfExpr(ref("aws_security_group", n.tf("sg"), "id"))],
    key_name: hasKey ? tfExpr(ref("aws_key_pair", n.tf("key"), "key_name")) : undefined,
    ipv6_address_count: 1,
    // Containers route through this VM; AWS drops packets it did not originate otherwise.
    source_dest_check: false,
    // v6 keeps `user_data` as clear text; gzip must go through the base64 argument.
    user_data_base64: encodeUserData(userData, awsModule.userData.encoding),
    // IMDSv2 with one hop: containers behind the Docker bridge cannot read the user-data secrets.
    metadata_options: {
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    },
    tags,
    // The newest-AMI lookup moves over time; a new AMI must not replace a running node.
    lifecycle: lookedUp ? { ignore_changes: ["ami"] } : undefined,
  };
}

function amiLookup(provider: string): TfBody {
  return {
    provider,
    most_recent: true,
    owners: [CANONICAL_OWNER],
    filter: [
      { name: "name", values: [UBUNTU_AMI_NAME] },
      { name: "architecture", values: ["x86_64"] },
    ],
  };
}
