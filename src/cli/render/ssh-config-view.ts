import type { SshSettings } from "../../checks/index.js";
import { InputError } from "../../errors/index.js";

export interface SshConfigNode {
  name: string;
  fqdn: string;
  host: string | undefined;
}

/**
 * Host names for a node: its DNS name in the lab and a `ztlab-` alias. The bare node name
 * (`aws`, `do`) is left out on purpose: an included file's Host blocks win over later ones, so a
 * bare name would take over a user's own entry of the same name.
 */
export function hostNames(node: Pick<SshConfigNode, "name" | "fqdn">): string[] {
  return [node.fqdn, `ztlab-${node.name}`];
}

export interface SshConfigInput {
  networkName: string;
  networkId: string | undefined;
  nodes: readonly SshConfigNode[];
  user: string;
  port: number | undefined;
  settings: SshSettings;
}

/** The same entries as data, for `ssh-config --json`. */
export function sshConfigJson({
  networkName,
  networkId,
  nodes,
  user,
  port,
  settings,
}: SshConfigInput) {
  return {
    network: { name: networkName, id: networkId ?? null },
    hosts: nodes.map((node) => ({
      node: node.name,
      names: hostNames(node),
      hostName: node.host ?? null,
      user,
      port: port ?? null,
      identityFile: settings.identityFile ?? null,
      userKnownHostsFile: settings.knownHostsFile,
    })),
  };
}

/** ssh_config Host blocks: each node by its DNS name and ztlab- alias, at its public address. */
export function renderSshConfig({
  networkName,
  networkId,
  nodes,
  user,
  port,
  settings,
}: SshConfigInput): string {
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
    const names = hostNames(node).map((name) => word(name, "host name"));
    lines.push(
      `Host ${names.join(" ")}`,
      `  HostName ${word(node.host, "address")}`,
      `  User ${word(user, "user")}`,
    );
    if (port !== undefined) lines.push(`  Port ${port}`);
    if (settings.identityFile !== undefined) {
      lines.push(`  IdentityFile ${path(settings.identityFile)}`, "  IdentitiesOnly yes");
    }
    lines.push(
      `  UserKnownHostsFile ${path(settings.knownHostsFile)}`,
      "  StrictHostKeyChecking accept-new",
    );
  }
  return lines.join("\n") + "\n";
}

// Every value written into the config must stay one token on its own line: a space, quote,
// `#` or control character could end the value and start another directive.
const PLAIN = /^[A-Za-z0-9._:@+\/~-]+$/;

function word(value: string, what: string): string {
  if (PLAIN.test(value) && !value.startsWith("-")) return value;
  throw unsafe(value, what);
}

// Paths may hold spaces: ssh_config takes them in double quotes (which cannot hold `"`); `%`
// would be expanded as a token, so it is refused too.
function path(value: string): string {
  if (PLAIN.test(value)) return value;
  if (/^[^"%\\\p{Cc}]+$/u.test(value)) return `"${value}"`;
  throw unsafe(value, "path");
}

function unsafe(value: string, what: string): InputError {
  return new InputError(`${what} ${JSON.stringify(value)} cannot be written into an ssh config`, {
    code: "unsafe-ssh-config-value",
  });
}
