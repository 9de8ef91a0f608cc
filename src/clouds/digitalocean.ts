import type { PlannedNode, PlannedUser } from "../plan/index.js";
import { resourceAddress, tfExpr, type TfBody, type TfDocument } from "../terraform/index.js";
import type { CloudModule, LabResourcesInput, NodeResourcesInput } from "./cloud-module.js";

// Canonical's current LTS, as DigitalOcean names it.
const DEFAULT_IMAGE = "ubuntu-24-04-x64";
const SSH_KEY_TYPE = "digitalocean_ssh_key";
const ANYWHERE = ["0.0.0.0/0", "::/0"];

export const digitaloceanModule: CloudModule = {
  cloud: "digitalocean",
  providerName: "digitalocean",
  provider: { source: "digitalocean/digitalocean", version: "~> 2.0" },
  credentials: { anyOf: [["DIGITALOCEAN_TOKEN"], ["DIGITALOCEAN_ACCESS_TOKEN"]] },
  // LIMITATION(#2): the 64 KiB user-data limit comes from a community answer, unconfirmed.
  userData: { encoding: "plain", limitBytes: 64 * 1024 },
  // One global endpoint: the region is a droplet argument, so a single unaliased block serves all.
  providerBlocks: () => [{}],
  labResources: sshKeys,
  nodeResources: dropletResources,
  publicAddresses: ({ prefix }) => ({
    ipv4: tfExpr(`${resourceAddress("digitalocean_droplet", `${prefix}droplet`)}.ipv4_address`),
    ipv6: tfExpr(`${resourceAddress("digitalocean_droplet", `${prefix}droplet`)}.ipv6_address`),
  }),
};

// DigitalOcean refuses a second copy of a public key in one account, so the lab's users get one
// key each, shared by every droplet, rather than one per node.
// LIMITATION(#2): a key already in the account fails the apply; import it or remove it first.
function sshKeys({ plan }: LabResourcesInput): TfDocument {
  if (plan.users.length === 0) return {};
  const keys: Record<string, TfBody> = {};
  for (const user of plan.users) {
    keys[user.key] = {
      name: `${plan.network.name} ${user.username}`,
      public_key: user.sshPublicKey,
    };
  }
  return { resource: { [SSH_KEY_TYPE]: { users: { for_each: keys, ...sshKeyBody() } } } };
}

function sshKeyBody(): TfBody {
  return { name: tfExpr("each.value.name"), public_key: tfExpr("each.value.public_key") };
}

function dropletResources({ plan, node, userData, prefix }: NodeResourcesInput): TfDocument {
  const droplet = `${prefix}droplet`;
  return {
    resource: {
      digitalocean_droplet: {
        [droplet]: {
          name: node.fqdn,
          image: node.image ?? DEFAULT_IMAGE,
          region: node.region,
          size: node.size,
          // IPv6 switched on later needs manual setup inside the OS, so it is on from the start.
          ipv6: true,
          monitoring: false,
          ssh_keys: plan.users.map((user) => sshKeyFingerprint(user)),
          user_data: userData,
          tags: ["ztlab", nodeTag(node)],
        },
      },
      digitalocean_firewall: {
        [`${prefix}firewall`]: {
          name: `ztlab-${node.name}-${plan.network.name.replace(/[^a-z0-9-]/g, "-")}`,
          droplet_ids: [tfExpr(`${resourceAddress("digitalocean_droplet", droplet)}.id`)],
          inbound_rule: [
            { protocol: "udp", port_range: "9993", source_addresses: ANYWHERE },
            // SSH on the public address: `ztlab check` and the lab's users reach a node this way
            // before (and regardless of whether) it has joined the ZeroTier network.
            { protocol: "tcp", port_range: "22", source_addresses: ANYWHERE },
          ],
          // A DigitalOcean firewall also drops outbound traffic it does not allow, and has no
          // "all protocols" value: three rules open everything.
          outbound_rule: [
            { protocol: "tcp", port_range: "1-65535", destination_addresses: ANYWHERE },
            { protocol: "udp", port_range: "1-65535", destination_addresses: ANYWHERE },
            { protocol: "icmp", destination_addresses: ANYWHERE },
          ],
        },
      },
    },
  };
}

function sshKeyFingerprint(user: PlannedUser) {
  return tfExpr(`${resourceAddress(SSH_KEY_TYPE, "users", user.key)}.fingerprint`);
}

// Tags allow letters, digits, colons, dashes and underscores; node names are DNS labels.
function nodeTag(node: PlannedNode): string {
  return `ztlab:${node.name}`;
}
