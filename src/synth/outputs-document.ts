import type { CloudModule, NodeResourcesInput } from "../clouds/index.js";
import { tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import { identityAddress, NETWORK } from "./zerotier-addresses.js";

export interface NodeOutputInput {
  module: CloudModule;
  input: NodeResourcesInput;
}

/**
 * The walkthrough's outputs `networks` and `identities`, and `nodes` with what `check` and people
 * need to reach each node. Only ids and addresses: no key or token is ever an output.
 */
export function outputsDocument(nodes: readonly NodeOutputInput[]): TfDocument {
  const identities: Record<string, TfBody[string]> = {};
  const nodeValues: Record<string, TfBody> = {};
  for (const { module, input } of nodes) {
    const { node } = input;
    const nodeId = tfExpr(`${identityAddress(node.name)}.id`);
    const addresses = module.publicAddresses(input);
    identities[node.name] = nodeId;
    nodeValues[node.name] = {
      public_ipv4: addresses.ipv4,
      public_ipv6: addresses.ipv6 ?? null,
      zerotier_ip: node.ip,
      fqdn: node.fqdn,
      node_id: nodeId,
      cloud: node.cloud,
      region: node.region,
    };
  }
  return {
    output: {
      networks: {
        description: "ZeroTier network ids by name",
        value: { demolab: tfExpr(`${NETWORK}.id`) },
      },
      identities: { description: "ZeroTier node id of each node", value: identities },
      nodes: { description: "How to reach each node", value: nodeValues },
    },
  };
}
