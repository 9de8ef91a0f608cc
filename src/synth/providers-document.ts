import type { CloudModule } from "../clouds/index.js";
import type { PlannedNode } from "../plan/index.js";
import {
  stateBackendBlock,
  type StateBackendSetting,
  type TfBody,
  type TfDocument,
  type TfProviderRequirement,
} from "../terraform/index.js";

export const ZEROTIER_PROVIDER: TfProviderRequirement = {
  source: "zerotier/zerotier",
  version: "~> 1.6",
};

// for_each over object values and sensitive outputs settled long before 1.5; OpenTofu reads the
// same constraint against its own 1.x versions.
const REQUIRED_VERSION = ">= 1.5.0";

export interface CloudInUse {
  module: CloudModule;
  nodes: readonly PlannedNode[];
}

/**
 * Provider requirements and configuration blocks. Blocks carry no credentials: every provider reads
 * them from its environment (ZEROTIER_CENTRAL_TOKEN, DIGITALOCEAN_TOKEN, ...).
 */
export function providersDocument(
  clouds: readonly CloudInUse[],
  state: StateBackendSetting = { backend: "local" },
): TfDocument {
  const required: Record<string, TfProviderRequirement> = { zerotier: { ...ZEROTIER_PROVIDER } };
  const provider: Record<string, TfBody | TfBody[]> = { zerotier: {} };
  for (const { module, nodes } of clouds) {
    required[module.providerName] = { ...module.provider };
    const blocks = module.providerBlocks(nodes);
    provider[module.providerName] =
      blocks.length === 1 && blocks[0] !== undefined ? blocks[0] : blocks;
  }
  return {
    terraform: {
      required_version: REQUIRED_VERSION,
      required_providers: required,
      ...stateBackendBlock(state),
    },
    provider,
  };
}
