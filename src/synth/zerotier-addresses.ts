import { resourceAddress } from "../terraform/index.js";

// The reference lab's Terraform addresses (DESIGN.md "Terraform addresses stay compatible"):
// published instructions target them by name, so they never change.
export const NETWORK = resourceAddress("zerotier_network", "demolab");
export const TOKEN = resourceAddress("zerotier_token", "this");

/** `zerotier_identity.instances["<node>"]` */
export function identityAddress(node: string): string {
  return resourceAddress("zerotier_identity", "instances", node);
}

/** `zerotier_member.instances["<node>"]` */
export function nodeMemberAddress(node: string): string {
  return resourceAddress("zerotier_member", "instances", node);
}
