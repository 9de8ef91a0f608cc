// Formats of single fields of the lab file. Cross-field rules (overlaps, duplicates) live in plan/.
import { isIP } from "node:net";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const LINUX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const MEMBER_ID = /^[0-9a-f]{10}$/;
const SSH_KEY_TYPES = new Set([
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
]);
// Accounts every Ubuntu image already has; creating them would clash.
const RESERVED_USERS = new Set([
  "root",
  "daemon",
  "bin",
  "sys",
  "nobody",
  "ubuntu",
  "zerotier-one",
]);

/** Why a value is not a DNS label, or undefined when it is one. */
export function checkDnsLabel(value: string): string | undefined {
  if (DNS_LABEL.test(value)) return undefined;
  return `"${value}" is not a DNS label (lowercase letters, digits and inner hyphens, 1-63 characters)`;
}

export function checkLinuxUsername(value: string): string | undefined {
  if (!LINUX_USER.test(value)) {
    return `"${value}" is not a Linux user name (lowercase letter or _ first, then a-z 0-9 _ -, at most 32)`;
  }
  if (RESERVED_USERS.has(value))
    return `"${value}" is a system account on the nodes; pick another name`;
  return undefined;
}

/** ZeroTier node ids are 10 hex digits; zero and ids starting with ff are reserved. */
export function checkMemberId(value: string): string | undefined {
  if (!MEMBER_ID.test(value))
    return `"${value}" is not a ZeroTier node id (10 lowercase hex digits)`;
  if (value === "0000000000" || value.startsWith("ff")) {
    return `"${value}" is a reserved ZeroTier address (zero, or starting with ff)`;
  }
  return undefined;
}

/** An OpenSSH public key line: type, base64 blob whose embedded type matches, optional comment. */
export function checkSshPublicKey(value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  const [type, blob] = parts;
  if (value.includes("PRIVATE KEY"))
    return "this is a private key; give the public key (the .pub file)";
  if (type === undefined || blob === undefined || !SSH_KEY_TYPES.has(type)) {
    return 'not an OpenSSH public key (expected e.g. "ssh-ed25519 AAAA... comment")';
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return "the key data is not base64";
  const raw = Buffer.from(blob, "base64");
  const nameLength = raw.length >= 4 ? raw.readUInt32BE(0) : -1;
  const embedded = nameLength > 0 ? raw.subarray(4, 4 + nameLength).toString("latin1") : "";
  if (embedded !== type) return `the key data does not hold a ${type} key`;
  return undefined;
}

export function checkIpv4(value: string): string | undefined {
  return isIP(value) === 4 ? undefined : `"${value}" is not an IPv4 address`;
}

export function checkIpv4Cidr(value: string): string | undefined {
  const [addr, bits, extra] = value.split("/");
  const prefix = Number(bits);
  if (
    extra !== undefined ||
    addr === undefined ||
    isIP(addr) !== 4 ||
    !/^\d{1,2}$/.test(bits ?? "") ||
    prefix > 32
  ) {
    return `"${value}" is not an IPv4 CIDR (e.g. 10.42.1.0/24)`;
  }
  return undefined;
}
