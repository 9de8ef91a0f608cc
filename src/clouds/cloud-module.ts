import type { CloudKind } from "../config/index.js";
import type { LabPlan, PlannedNode } from "../plan/index.js";
import type {
  TfBody,
  TfDocument,
  TfExpression,
  TfProviderRequirement,
  TfTemplate,
} from "../terraform/index.js";

/** How a cloud takes user-data, and how much of it. */
export interface UserDataFormat {
  /** Terraform function applied to the script text, if the argument needs encoding. */
  encoding: "plain" | "base64" | "base64gzip";
  /** Largest accepted size in bytes, measured after encoding; undefined when unknown. */
  limitBytes: number | undefined;
}

/** Environment variables that authenticate a provider: every name of one group must be set. */
export interface CredentialSpec {
  /** Alternatives; the cloud is usable when all variables of any one group are present. */
  anyOf: readonly (readonly string[])[];
  /** A standard config file the provider reads instead of variables, e.g. ~/.oci/config. */
  configFile?: string;
  /** Non-secret settings some setups need, shown by doctor when missing, never required. */
  optional?: readonly string[];
}

export interface NodeResourcesInput {
  plan: LabPlan;
  node: PlannedNode;
  /** The node's first-boot script as a Terraform template, before any encoding. */
  userData: TfTemplate;
  /** Prefix every resource name of this node must start with, so the node can be targeted alone. */
  prefix: string;
}

export interface LabResourcesInput {
  plan: LabPlan;
  /** The lab's enabled nodes on this cloud, in lab-file order; never empty. */
  nodes: readonly PlannedNode[];
}

/** One cloud: the provider it needs and the resources of one node on it. */
export interface CloudModule {
  cloud: CloudKind;
  /** Local provider name, the key under required_providers (e.g. `aws`). */
  providerName: string;
  provider: TfProviderRequirement;
  credentials: CredentialSpec;
  userData: UserDataFormat;
  /**
   * Provider configuration blocks for the lab's nodes on this cloud (aliases per region where the
   * provider is regional). Credentials never appear here: they come from the environment.
   */
  providerBlocks: (nodes: readonly PlannedNode[]) => TfBody[];
  /** Resources, data sources and outputs of one node. Names start with `input.prefix`. */
  nodeResources: (input: NodeResourcesInput) => TfDocument;
  /**
   * Resources the lab's nodes on this cloud share (e.g. account-wide SSH keys that a cloud refuses
   * to hold twice). Optional; names must not start with any node's prefix, so destroying one node
   * alone leaves them in place.
   */
  labResources?: (input: LabResourcesInput) => TfDocument;
  /** Expressions for the node's public addresses, gathered by synth/ into the `nodes` output. */
  publicAddresses: (input: NodeResourcesInput) => { ipv4: TfExpression; ipv6?: TfExpression };
}
