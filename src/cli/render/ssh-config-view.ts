import type { SshSettings } from "../../checks/index.js";

export interface SshConfigNode {
  name: string;
  fqdn: string;
  host: string | undefined;
}

/** ssh_config Host blocks: each node by its short and DNS name, at its public address. */
export function renderSshConfig({
  networkName,
  networkId,
  nodes,
  user,
  port,
  settings,
}: {
  networkName: string;
  networkId: string | undefined;
  nodes: readonly SshConfigNode[];
  user: string;
  port: number | undefined;
  settings: SshSettings;
}): string {
  const lines = [
    `# ztlab lab ${networkName}${networkId === undefined ? "" : ` (network ${networkId})`}`,
    "# Save this and add `Include <file>` near the top of ~/.ssh/config.",
  ];
  for (const node of nodes) {
    lines.push("");
    if (node.host === undefined) {
      lines.push(`# ${node.name}: no public address in the Terraform outputs (not deployed?)`);
      continue;
    }
    lines.push(`Host ${node.name} ${node.fqdn}`, `  HostName ${node.host}`, `  User ${user}`);
    if (port !== undefined) lines.push(`  Port ${port}`);
    if (settings.identityFile !== undefined) {
      lines.push(`  IdentityFile ${settings.identityFile}`, "  IdentitiesOnly yes");
    }
    lines.push(
      `  UserKnownHostsFile ${settings.knownHostsFile}`,
      "  StrictHostKeyChecking accept-new",
    );
  }
  return lines.join("\n") + "\n";
}
