import type { NodeResourcesInput } from "./cloud-module.js";

/** Names for one node's resources: Terraform names under the prefix, and names inside the cloud. */
export interface NodeNames {
  /** Terraform resource name: the prefix, then the role (`aws_vpc` for prefix `aws_`). */
  tf: (role: string) => string;
  /** Name shown in the cloud's console, `<lab>-<node>[-<role>]`: DNS-safe, unique per lab node. */
  cloud: (role?: string) => string;
}

export function nodeNames({ prefix, plan, node }: NodeResourcesInput): NodeNames {
  const lab = plan.network.name.replace(/[^a-z0-9]+/g, "-");
  const base = `${lab}-${node.name}`;
  const join = prefix.endsWith("_") ? "" : "_";
  return {
    tf: (role) => `${prefix}${join}${role}`,
    cloud: (role) => (role === undefined ? base : `${base}-${role}`),
  };
}

/** `type.name.attribute`, for references between resources of one document. */
export function ref(type: string, name: string, attribute: string): string {
  return `${type}.${name}.${attribute}`;
}
