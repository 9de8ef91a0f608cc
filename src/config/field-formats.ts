// Formats of single fields of the lab file. Cross-field rules (overlaps, duplicates) live in plan/.
import { isIP } from "node:net";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LINUX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const MEMBER_ID = /^[0-9a-f]{10}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const SSH_KEY_TYPES: ReadonlySet<string> = new Set([
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);
// Length-prefixed type name (4 + 11) plus a length-prefixed 32-byte point (4 + 32).
const ED25519_BLOB_LENGTH = 51;
// Accounts an Ubuntu cloud image already has, or that ztlab's first boot creates.
export const RESERVED_USERS: ReadonlySet<string> = new Set([
  "root",
  "daemon",
  "bin",
  "sys",
  "sync",
  "games",
  "man",
  "lp",
  "mail",
  "news",
  "uucp",
  "proxy",
  "www-data",
  "backup",
  "list",
  "irc",
  "nobody",
  "syslog",
  "sshd",
  "messagebus",
  "ubuntu",
  "docker",
  "zerotier-one",
]);

/**
 * Why a value is not a DNS label, or undefined when it is one. Every check here answers the same
 * way; a second line, when present, is a hint on how to fix it.
 */
export function checkDnsLabel(value: string): string | undefined {
  if (!DNS_LABEL.test(value)) {
    return `${quote(value)} is not a DNS label\nuse a-z, 0-9 and inner hyphens, at most 63`;
  }
  if (/^\d+$/.test(value)) return `${quote(value)} is all digits\na name needs a letter`;
  return undefined;
}

/**
 * Why a value is not a DNS domain for the lab (labels of at most 63, at most 253 in all, and a
 * last label that is not all digits, so it never reads as a number or an IPv4 address).
 */
export function checkDnsDomain(value: string): string | undefined {
  const hint = "\nuse dot-separated labels of a-z, 0-9 and inner hyphens, e.g. demo.lab";
  if (value.length > 253) return `${quote(value)} is ${value.length} characters long\nat most 253`;
  const labels = value.split(".");
  const bad = labels.find((label) => !DNS_LABEL.test(label));
  if (bad !== undefined) {
    if (bad.length > 63) return `${quote(bad)} is a ${bad.length}-character label\nat most 63`;
    return `${quote(value)} is not a DNS domain${hint}`;
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) {
    return `${quote(value)} ends in an all-digit label\nthe last label needs a letter`;
  }
  return undefined;
}

export function checkLinuxUsername(value: string): string | undefined {
  if (!LINUX_USER.test(value)) {
    return `${quote(value)} is not a Linux user name\na-z or _ first, then a-z 0-9 _ -, at most 32`;
  }
  if (RESERVED_USERS.has(value)) return `${quote(value)} is a system account on the nodes`;
  return undefined;
}

/** ZeroTier node ids are 10 hex digits; zero and ids starting with ff are reserved. */
export function checkMemberId(value: string): string | undefined {
  if (!MEMBER_ID.test(value)) {
    return `${quote(value)} is not a ZeroTier node id\nit has 10 lowercase hex digits`;
  }
  if (value === "0000000000" || value.startsWith("ff")) {
    return `${quote(value)} is a reserved ZeroTier address\nzero and ids starting with ff`;
  }
  return undefined;
}

/** An OpenSSH public key line: type, base64 blob whose embedded type matches, optional comment. */
export function checkSshPublicKey(value: string): string | undefined {
  if (value.includes("PRIVATE KEY")) {
    return "this is a private key; give the public key (the .pub file)";
  }
  const line = value.trim();
  if (line.startsWith("---- BEGIN SSH2 PUBLIC KEY")) {
    return "is an RFC 4716 key; convert it with ssh-keygen -i -f <file>";
  }
  if (line.includes("\n")) return "holds more than one line; give one public key";
  const [type, blob] = line.split(/\s+/);
  if (type !== undefined && !SSH_KEY_TYPES.has(type) && hasKeyAfterOptions(line)) {
    return "authorized_keys options (from=, no-pty...) are not allowed here\ngive the key alone: type, key data, optional comment";
  }
  if (type === undefined || blob === undefined || !SSH_KEY_TYPES.has(type)) {
    return "not an OpenSSH public key\nexpected one line such as: ssh-ed25519 AAAA... you@host";
  }
  if (!BASE64.test(blob)) return "the key data is not base64";
  const raw = Buffer.from(blob, "base64");
  if (embeddedType(raw) !== type) return `the key data does not hold a ${type} key`;
  if (type === "ssh-ed25519" && raw.length !== ED25519_BLOB_LENGTH) {
    return "the key data is truncated or padded (an ssh-ed25519 key is 68 base64 characters)";
  }
  return undefined;
}

export function checkIpv4(value: string): string | undefined {
  return isIP(value) === 4 ? undefined : `${quote(value)} is not an IPv4 address`;
}

export function checkIpv4Cidr(value: string): string | undefined {
  const [addr, bits, extra] = value.split("/");
  const isValid =
    extra === undefined &&
    addr !== undefined &&
    isIP(addr) === 4 &&
    /^\d{1,2}$/.test(bits ?? "") &&
    Number(bits) <= 32;
  return isValid ? undefined : `${quote(value)} is not an IPv4 CIDR (e.g. 10.42.1.0/24)`;
}

// Long values would push the message past one line.
function quote(value: string): string {
  return JSON.stringify(value.length > 24 ? `${value.slice(0, 21)}...` : value);
}

// Options such as from="10.0.0.1" or no-pty come before the key type in authorized_keys.
function hasKeyAfterOptions(line: string): boolean {
  return line.split(/\s+/).some((word, i) => i > 0 && SSH_KEY_TYPES.has(word));
}

function embeddedType(raw: Buffer): string {
  if (raw.length < 4) return "";
  const length = raw.readUInt32BE(0);
  if (length === 0 || length > raw.length - 4) return "";
  return raw.subarray(4, 4 + length).toString("latin1");
}
