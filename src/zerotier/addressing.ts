// Per-network addresses of a member, computed from the network id and node id alone.
// Bit layouts follow shared/reference/addressing.md (ZeroTierOne 36b4659, LinuxEthernetTap.cpp,
// MAC.hpp, InetAddress.cpp); the vectors in addressing.json are the tests.
import { InputError } from "../errors/index.js";

/** Field names match shared/reference/addressing.json so `ztlab addr --json` reads the same. */
export interface MemberAddressing {
  networkId: string;
  nodeId: string;
  interfaceName: string;
  mac: string;
  sixplane: string;
  sixplanePrefix80: string;
  rfc4193: string;
  rfc4193Prefix88: string;
  interfaceNameOnCollision: string;
  sixplaneAsAssigned: string;
  rfc4193AsAssigned: string;
  cliIp6prefix: string;
}

const NETWORK_ID = /^[0-9a-f]{16}$/;
const NODE_ID = /^[0-9a-f]{10}$/;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const MASK40 = (1n << 40n) - 1n;
const MASK32 = (1n << 32n) - 1n;

export function isNetworkId(value: string): boolean {
  return NETWORK_ID.test(value);
}

export function isNodeId(value: string): boolean {
  return NODE_ID.test(value);
}

/** Every address ZeroTier derives for `nodeId` on `networkId`; ids are hex, any case. */
export function memberAddressing(networkId: string, nodeId: string): MemberAddressing {
  const nwid = parseId(networkId, NETWORK_ID, "network id", 16);
  const node = parseId(nodeId, NODE_ID, "node id", 10);
  const sixplane = sixplaneBytes(nwid, node);
  const rfc = rfc4193Bytes(nwid, node);
  const sixplaneText = formatIpv6(sixplane);
  const rfcText = formatIpv6(rfc);
  return {
    networkId: networkId.toLowerCase(),
    nodeId: nodeId.toLowerCase(),
    interfaceName: interfaceNameOf(nwid, 0),
    mac: memberMacOf(nwid, node),
    sixplane: sixplaneText,
    sixplanePrefix80: `${formatIpv6(zeroFrom(sixplane, 10))}/80`,
    rfc4193: rfcText,
    rfc4193Prefix88: `${formatIpv6(zeroFrom(rfc, 11))}/88`,
    interfaceNameOnCollision: interfaceNameOf(nwid, 1),
    sixplaneAsAssigned: `${sixplaneText}/40`,
    rfc4193AsAssigned: `${rfcText}/88`,
    cliIp6prefix: sixplaneText.slice(0, 24),
  };
}

/** Linux tap name of a network: `zt` + base32 of the low 40 bits of N ^ (N >> 24), plus retries. */
export function interfaceName(networkId: string, retry = 0): string {
  return interfaceNameOf(parseId(networkId, NETWORK_ID, "network id", 16), retry);
}

/**
 * 6PLANE address of a container on a node: the node's /80 followed by the container's 48-bit MAC.
 * Docker fills the host part this way when the bridge's fixed-cidr-v6 is the node's /80.
 */
export function sixplaneContainerAddress(
  networkId: string,
  nodeId: string,
  containerMac: string,
): string {
  const nwid = parseId(networkId, NETWORK_ID, "network id", 16);
  const node = parseId(nodeId, NODE_ID, "node id", 10);
  const octets = containerMac.split(":").map((part) => Number.parseInt(part, 16));
  if (octets.length !== 6 || octets.some((octet) => !(octet >= 0 && octet <= 255))) {
    throw new InputError(`"${containerMac}" is not a MAC address`, { code: "invalid-mac" });
  }
  const bytes = zeroFrom(sixplaneBytes(nwid, node), 10);
  bytes.set(octets, 10);
  return formatIpv6(bytes);
}

/** The MAC Docker gives a container on a bridge: 02:42 followed by its IPv4 octets. */
export function dockerMacOf(ipv4: string): string {
  const octets = ipv4.split(".").map(Number);
  return ["02", "42", ...octets.map((octet) => octet.toString(16).padStart(2, "0"))].join(":");
}

/** IPv6 text as glibc inet_ntop writes it: the longest (leftmost on ties) zero run of 2+ is `::`. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}

function parseId(value: string, pattern: RegExp, what: string, digits: number): bigint {
  const lower = value.toLowerCase();
  if (!pattern.test(lower)) {
    throw new InputError(`"${value}" is not a ZeroTier ${what} (${digits} hex digits)`, {
      code: "invalid-zerotier-id",
    });
  }
  return BigInt(`0x${lower}`);
}

function interfaceNameOf(nwid: bigint, retry: number): string {
  const value = ((nwid ^ (nwid >> 24n)) + BigInt(retry)) & MASK40;
  let name = "zt";
  for (let i = 0; i < 8; i += 1) {
    name += BASE32[Number((value >> BigInt(35 - 5 * i)) & 31n)];
  }
  return name;
}

function memberMacOf(nwid: bigint, node: bigint): string {
  const networkByte = (k: number) => Number((nwid >> BigInt(8 * k)) & 0xffn);
  const nodeByte = (k: number) => Number((node >> BigInt(8 * k)) & 0xffn);
  let first = (networkByte(0) & 0xfe) | 0x02;
  // 0x52 is the KVM/libvirt prefix; ZeroTier steps around it.
  if (first === 0x52) first = 0x32;
  const octets = [first];
  for (let k = 1; k <= 5; k += 1) octets.push(nodeByte(5 - k) ^ networkByte(k));
  return octets.map((octet) => octet.toString(16).padStart(2, "0")).join(":");
}

function sixplaneBytes(nwid: bigint, node: bigint): Uint8Array {
  const hash = (nwid ^ (nwid >> 32n)) & MASK32;
  const bytes = new Uint8Array(16);
  bytes[0] = 0xfc;
  writeBig(bytes, 1, hash, 4);
  writeBig(bytes, 5, node, 5);
  bytes[15] = 0x01;
  return bytes;
}

function rfc4193Bytes(nwid: bigint, node: bigint): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[0] = 0xfd;
  writeBig(bytes, 1, nwid, 8);
  bytes[9] = 0x99;
  bytes[10] = 0x93;
  writeBig(bytes, 11, node, 5);
  return bytes;
}

function writeBig(bytes: Uint8Array, offset: number, value: bigint, length: number): void {
  for (let i = 0; i < length; i += 1) {
    bytes[offset + i] = Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn);
  }
}

function zeroFrom(bytes: Uint8Array, start: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.fill(0, start);
  return copy;
}
