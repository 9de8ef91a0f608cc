import { InputError } from "../errors/index.js";
import type { TfDocument } from "../terraform/index.js";
import { identityAddress, nodeMemberAddress } from "./zerotier-addresses.js";

/** What synth made for one node, for `terraform -target` and for messages. */
export interface SynthNode {
  name: string;
  cloud: string;
  /** The `*.tf.json` file holding the node's cloud resources. */
  file: string;
  /** Every resource name of the node in its file starts with this. */
  prefix: string;
  /** Resource addresses that make up the node, its ZeroTier identity and member included. */
  targets: string[];
}

/** Resource names of one node start with this; Terraform names cannot start with a digit. */
export function nodePrefix(node: string): string {
  return /^[0-9]/.test(node) ? `_${node}_` : `${node}_`;
}

/** The resource addresses that replace or destroy one node alone (`-target` values). */
export function nodeTargets(nodes: readonly SynthNode[], node: string): string[] {
  const found = nodes.find((candidate) => candidate.name === node);
  if (found === undefined) {
    const names = nodes.map((candidate) => candidate.name);
    throw new InputError(`instances.${node}: not an enabled node of this lab`, {
      code: "unknown-node",
      hint: names.length > 0 ? `enabled nodes: ${names.join(", ")}` : "no node is enabled",
    });
  }
  return [...found.targets];
}

/** Addresses of a node's resources: its ZeroTier pair, then its cloud document's resources. */
export function collectTargets(node: string, doc: TfDocument): string[] {
  const targets = [identityAddress(node), nodeMemberAddress(node)];
  for (const [type, byName] of Object.entries(doc.resource ?? {}).sort(byKey)) {
    for (const name of Object.keys(byName).sort()) targets.push(`${type}.${name}`);
  }
  return targets;
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
