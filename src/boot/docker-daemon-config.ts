import type { PlannedNode } from "../plan/index.js";

/**
 * Docker's /etc/docker/daemon.json for a node: the bridge takes the first host of the container
 * CIDR, containers get addresses from the CIDR and from `fixedCidrV6` (the node's 6PLANE /80).
 */
export function renderDockerDaemonConfig({
  node,
  fixedCidrV6,
}: {
  node: PlannedNode;
  fixedCidrV6: string;
}): string {
  const config = {
    bip: node.bridgeAddress,
    "fixed-cidr": node.podCidr,
    "fixed-cidr-v6": fixedCidrV6,
    ipv6: true,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
