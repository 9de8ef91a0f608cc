// The lab file's schema. Descriptions feed `ztlab schema` (editor completion) and help text.
import { z } from "zod";
import { CLOUD_KINDS } from "./cloud-kinds.js";
import {
  checkDnsDomain,
  checkIpv4,
  checkIpv4Cidr,
  checkLinuxUsername,
  checkMemberId,
  checkSshPublicKey,
} from "./field-formats.js";
import { FORMAT_PATTERNS } from "./format-patterns.js";

function formatted(
  check: (value: string) => string | undefined,
  pattern: string,
  description: string,
) {
  return z
    .string()
    .meta({ description, pattern })
    .superRefine((value, ctx) => {
      const problem = check(value);
      if (problem === undefined) return;
      const [message = problem, hint] = problem.split("\n");
      ctx.addIssue({ code: "custom", message, params: hint === undefined ? {} : { hint } });
    });
}

const ipv4 = (description: string) => formatted(checkIpv4, FORMAT_PATTERNS.ipv4, description);
const ipv4Cidr = (description: string) =>
  formatted(checkIpv4Cidr, FORMAT_PATTERNS.ipv4Cidr, description);
// Keys of instances, devices and users; validate-lab checks them with its own messages.
const labelKey = z.string().meta({ pattern: FORMAT_PATTERNS.dnsLabel });

export const userSchema = z
  .strictObject({
    username: formatted(
      checkLinuxUsername,
      FORMAT_PATTERNS.linuxUsername,
      "Linux account created on every node",
    ),
    ssh_pubkey: formatted(
      checkSshPublicKey,
      FORMAT_PATTERNS.sshPublicKey,
      "OpenSSH public key allowed to log in as this user",
    ),
  })
  .describe("A person with an account, SSH key login and passwordless sudo on every node");

export const deviceSchema = z
  .strictObject({
    member_id: formatted(
      checkMemberId,
      FORMAT_PATTERNS.memberId,
      "ZeroTier node id of an existing device (10 hex digits)",
    ),
    description: z.string().default("").describe("Shown in ZeroTier Central"),
  })
  .describe("An existing ZeroTier device authorized onto the lab network");

export const instanceSchema = z
  .strictObject({
    cloud: z.enum(CLOUD_KINDS).optional().describe("Cloud of this node; inferred from short keys"),
    description: z.string().default("").describe("Shown in ZeroTier Central"),
    enabled: z
      .union([z.boolean(), z.literal("auto")], { error: "must be true, false or auto" })
      .default(true)
      .describe("Build this node; `auto` builds it when its cloud's credentials are present"),
    ip_assignment: ipv4("ZeroTier IPv4 of the node; default 10.0.k.1 for the k-th node").optional(),
    pod_cidr: ipv4Cidr("Container network of the node; default 10.42.k.0/24").optional(),
    router_id: ipv4("OSPF router id; default the first host of pod_cidr").optional(),
    dns: z
      .boolean()
      .optional()
      .describe("Run zeronsd on this node; default the first enabled node"),
    region: z.string().min(1).optional().describe("Cloud region; each cloud has a default"),
    zone: z.string().min(1).optional().describe("Availability zone, where the cloud has them"),
    size: z.string().min(1).optional().describe("Instance size or type; each cloud has a default"),
    image: z.string().min(1).optional().describe("Image override; default the current Ubuntu LTS"),
    project: z.string().min(1).optional().describe("Google Cloud project id"),
    compartment_id: z.string().min(1).optional().describe("OCI compartment OCID"),
    resource_group: z.string().min(1).optional().describe("IBM Cloud resource group id"),
  })
  .describe("A cloud VM joined to the lab network");

export const flowRulesSchema = z
  .strictObject({
    mode: z
      .enum(["off", "tee", "watch"])
      .default("off")
      .describe("off: accept all; tee: copy every frame to the tap; watch: copy inbound frames"),
    tap: z
      .string()
      .optional()
      .describe("Instance that receives copied frames; default the DNS node"),
    drop_non_ip: z.boolean().default(false).describe("Drop frames that are not IPv4, ARP or IPv6"),
  })
  .describe("Flow rules of the network");

export const networkSchema = z
  .strictObject({
    name: formatted(
      checkDnsDomain,
      FORMAT_PATTERNS.dnsDomain,
      "Network name and DNS domain of the lab",
    ).default("demo.lab"),
    description: z.string().default("ZeroTier Terraform Demolab"),
    route: ipv4Cidr("Managed route of the network").default("10.0.0.0/16"),
    assignment_pool: z
      .strictObject({
        start: ipv4("First address ZeroTier may auto-assign"),
        end: ipv4("Last address ZeroTier may auto-assign"),
      })
      .default({ start: "10.0.0.1", end: "10.0.0.254" }),
    assign_ipv6: z
      .strictObject({
        zerotier: z.boolean().default(true),
        sixplane: z.boolean().default(true),
        rfc4193: z.boolean().default(true),
      })
      .default({ zerotier: true, sixplane: true, rfc4193: true }),
    multicast_limit: z.number().int().min(0).max(65535).default(32),
    flow_rules: flowRulesSchema.default({ mode: "off", drop_non_ip: false }),
  })
  .describe("The ZeroTier network");

const setting = (description: string) => z.string().min(1).describe(description);

/** Where Terraform keeps the lab's state; the default is a local terraform.tfstate. */
export const stateSchema = z
  .discriminatedUnion("backend", [
    z.strictObject({
      backend: z.literal("local"),
      path: setting("State file path, relative to the Terraform directory").optional(),
    }),
    z.strictObject({
      backend: z.literal("cloud"),
      organization: setting("HCP Terraform organization"),
      workspace: setting("HCP Terraform workspace name"),
      hostname: setting("HCP Terraform or Terraform Enterprise host").optional(),
      project: setting("HCP Terraform project of the workspace").optional(),
    }),
    z.strictObject({
      backend: z.literal("s3"),
      bucket: setting("S3 bucket"),
      key: setting("Object key of the state"),
      region: setting("Region of the bucket"),
      dynamodb_table: setting("DynamoDB table for locking (older setups)").optional(),
      use_lockfile: z.boolean().optional().describe("Lock with an S3 lock file (Terraform 1.10+)"),
      encrypt: z.boolean().optional().describe("Server-side encryption of the state object"),
    }),
    z.strictObject({
      backend: z.literal("gcs"),
      bucket: setting("GCS bucket"),
      prefix: setting("Directory inside the bucket").optional(),
    }),
    z.strictObject({
      backend: z.literal("azurerm"),
      resource_group_name: setting("Resource group of the storage account"),
      storage_account_name: setting("Storage account"),
      container_name: setting("Blob container"),
      key: setting("Blob name of the state"),
    }),
  ])
  .describe("Terraform state backend; credentials come from the environment, never from here");

export const labSchema = z
  .strictObject({
    $schema: z.string().optional(),
    network: networkSchema.default(networkSchema.parse({})),
    users: z.record(labelKey, userSchema).default({}),
    devices: z.record(labelKey, deviceSchema).default({}),
    instances: z.record(labelKey, instanceSchema).default({}),
    state: stateSchema.default({ backend: "local" }),
  })
  .describe("A ztlab lab: one ZeroTier network, its users, devices and cloud nodes");

/** The lab file as written (before defaults). */
export type LabInput = z.input<typeof labSchema>;
/** The lab file after schema defaults, before the plan resolves addresses. */
export type LabConfig = z.output<typeof labSchema>;
export type InstanceConfig = z.output<typeof instanceSchema>;
export type UserConfig = z.output<typeof userSchema>;
export type DeviceConfig = z.output<typeof deviceSchema>;
export type NetworkConfig = z.output<typeof networkSchema>;
export type FlowRulesMode = z.output<typeof flowRulesSchema>["mode"];
export type StateConfig = z.output<typeof stateSchema>;
