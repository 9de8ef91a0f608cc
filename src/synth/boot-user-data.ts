import type { BootScript, BootValueKind } from "../boot/index.js";
import { tfExpr, tfTemplate, type TfExpression, type TfTemplate } from "../terraform/index.js";
import { identityAddress, NETWORK, TOKEN } from "./zerotier-addresses.js";

/**
 * A node's first-boot script as a Terraform template: the literal text as is, each placeholder a
 * reference to the value that exists only in Terraform state (identity keys, network id, token).
 */
export function bootUserData(script: BootScript): TfTemplate {
  return tfTemplate(
    script.parts.map((part) =>
      typeof part === "string" ? part : bootValueReference(script.node, part.kind),
    ),
  );
}

/** The Terraform expression standing in for one placeholder of a node's script. */
export function bootValueReference(node: string, kind: BootValueKind): TfExpression {
  switch (kind) {
    case "identity-public":
      return tfExpr(`${identityAddress(node)}.public_key`);
    case "identity-secret":
      return tfExpr(`${identityAddress(node)}.private_key`);
    case "node-id":
      return tfExpr(`${identityAddress(node)}.id`);
    case "network-id":
      return tfExpr(`${NETWORK}.id`);
    case "central-token":
      return tfExpr(`${TOKEN}.token`);
  }
}
