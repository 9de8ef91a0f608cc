// Providers configured per region (AWS, OCI, IBM, Alibaba): one aliased block per region in use,
// so nodes in different regions of one cloud sit side by side in one configuration.
import type { PlannedNode } from "../plan/index.js";
import type { TfBody } from "../terraform/index.js";

/** Alias of a region's provider block; region names are already valid identifiers bar odd chars. */
export function regionAlias(region: string): string {
  const safe = region.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(safe) ? safe : `r_${safe}`;
}

/** The `provider` argument of a resource in this node's region, e.g. `aws.us-east-1`. */
export function regionalProvider(providerName: string, node: PlannedNode): string {
  return `${providerName}.${regionAlias(node.region)}`;
}

/** One block per distinct region of the nodes, in first-seen order. */
export function regionalProviderBlocks(
  nodes: readonly PlannedNode[],
  block: (region: string) => TfBody,
): TfBody[] {
  const regions = [...new Set(nodes.map((node) => node.region))];
  return regions.map((region) => ({ alias: regionAlias(region), ...block(region) }));
}
