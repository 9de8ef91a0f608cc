// Every match keyword: how many arguments it takes and the fields it emits, in ZeroTier's order
// (shared/reference/flow-rules/README.md, "Output shape").
import { readIpNetwork, readMacAddress, readZeroTierAddress } from "./rules-addresses.js";
import { failAt } from "./rules-diagnostic.js";
import {
  readCharacteristics,
  readProbability,
  readTagReference,
  readTagValue,
} from "./match-values.js";
import { ETHERTYPE_NAMES, IP_PROTOCOL_NAMES, lookupName } from "./rules-names.js";
import { readInteger, readRange, warnOutside, type ValueSite } from "./rules-numbers.js";

export type MatchFields = Record<string, string | number | null>;

export interface MatchSpec {
  arity: 1 | 2;
  /** The rule type, or a function of the arguments where the family decides it. */
  render: (args: ValueSite[]) => { type: string; fields: MatchFields };
}

export const MATCHES: Readonly<Record<string, MatchSpec>> = {
  ztsrc: one("MATCH_SOURCE_ZEROTIER_ADDRESS", (a) => ({ zt: readZeroTierAddress(a) })),
  ztdest: one("MATCH_DEST_ZEROTIER_ADDRESS", (a) => ({ zt: readZeroTierAddress(a) })),
  vlan: one("MATCH_VLAN_ID", (a) => ({ vlanId: bounded(a, "vlan id", 4095) })),
  vlanpcp: one("MATCH_VLAN_PCP", (a) => ({ vlanPcp: bounded(a, "vlan priority", 7) })),
  vlandei: one("MATCH_VLAN_DEI", (a) => ({ vlanDei: bounded(a, "vlan DEI", 1) })),
  ethertype: one("MATCH_ETHERTYPE", (a) => ({ etherType: named(a, ETHERTYPE_NAMES, "ethertype") })),
  macsrc: one("MATCH_MAC_SOURCE", (a) => ({ mac: readMacAddress(a) })),
  macdest: one("MATCH_MAC_DEST", (a) => ({ mac: readMacAddress(a) })),
  ipsrc: ip("SOURCE"),
  ipdest: ip("DEST"),
  iptos: {
    arity: 2,
    render: ([mask, range]) => ({
      type: "MATCH_IP_TOS",
      fields: { mask: bounded(at(mask), "TOS mask", 255), ...tosRange(at(range)) },
    }),
  },
  ipprotocol: one("MATCH_IP_PROTOCOL", (a) => ({
    ipProtocol: named(a, IP_PROTOCOL_NAMES, "IP protocol"),
  })),
  icmp: {
    arity: 2,
    render: ([type, code]) => ({
      type: "MATCH_ICMP",
      fields: { icmpType: icmpType(at(type)), icmpCode: icmpCode(at(code)) },
    }),
  },
  sport: one("MATCH_IP_SOURCE_PORT_RANGE", (a) => readRange(a, "port range")),
  dport: one("MATCH_IP_DEST_PORT_RANGE", (a) => readRange(a, "port range")),
  framesize: one("MATCH_FRAME_SIZE_RANGE", (a) => readRange(a, "frame size range")),
  chr: one("MATCH_CHARACTERISTICS", (a) => ({ mask: readCharacteristics(a) })),
  random: one("MATCH_RANDOM", (a) => ({ probability: readProbability(a) })),
  tand: tagTest("MATCH_TAGS_BITWISE_AND"),
  tor: tagTest("MATCH_TAGS_BITWISE_OR"),
  txor: tagTest("MATCH_TAGS_BITWISE_XOR"),
  tdiff: tagTest("MATCH_TAGS_DIFFERENCE"),
  teq: tagTest("MATCH_TAGS_EQUAL"),
  tseq: tagTest("MATCH_TAG_SENDER"),
  treq: tagTest("MATCH_TAG_RECEIVER"),
};

function one(type: string, fields: (arg: ValueSite) => MatchFields): MatchSpec {
  return { arity: 1, render: ([arg]) => ({ type, fields: fields(at(arg)) }) };
}

function ip(direction: "SOURCE" | "DEST"): MatchSpec {
  return {
    arity: 1,
    render: ([arg]) => {
      const site = at(arg);
      const family = readIpNetwork(site);
      return { type: `MATCH_IPV${family}_${direction}`, fields: { ip: site.text } };
    },
  };
}

function tagTest(type: string): MatchSpec {
  return {
    arity: 2,
    render: ([tagArg, valueArg]) => {
      const { id, tag } = readTagReference(at(tagArg));
      return { type, fields: { id, value: readTagValue(at(valueArg), tag) } };
    },
  };
}

function bounded(site: ValueSite, what: string, max: number): number {
  const value = readInteger(site, what);
  warnOutside(site, value, [0, max], what);
  return value;
}

// Names are case-sensitive in ZeroTier's compiler: `IPv4` is read as a number and fails.
function named(site: ValueSite, names: Readonly<Record<string, number>>, what: string): number {
  const value = lookupName(names, site.text);
  if (value !== undefined) return value;
  const lower = lookupName(names, site.text.toLowerCase());
  if (lower !== undefined && Number.isNaN(Number.parseInt(site.text))) {
    failAt(site.token, {
      code: "invalid-number",
      message: `${what} "${site.text}" is unknown: names are lowercase`,
      hint: `write "${site.text.toLowerCase()}"`,
    });
  }
  return bounded(site, what, what === "ethertype" ? 0xffff : 0xff);
}

function tosRange(site: ValueSite): { start: number; end: number } {
  const range = readRange(site, "TOS range");
  warnOutside(site, range.end, [0, 255], "TOS value");
  return range;
}

function icmpType(site: ValueSite): number {
  const value = Number.parseInt(site.text);
  if (Number.isNaN(value) || value < 0 || value > 255) {
    failAt(site.token, {
      code: "invalid-icmp-type",
      message: `ICMP type must be 0-255, got "${site.text}"`,
    });
  }
  return readInteger(site, "ICMP type");
}

function icmpCode(site: ValueSite): number | null {
  const value = Number.parseInt(site.text);
  if (Number.isNaN(value) || value < -1 || value > 255) {
    failAt(site.token, {
      code: "invalid-icmp-code",
      message: `ICMP code must be 0-255, or -1 for any, got "${site.text}"`,
    });
  }
  return readInteger(site, "ICMP code") === -1 ? null : value;
}

// Arity is checked before render, so a missing argument here is a bug in the table.
function at(site: ValueSite | undefined): ValueSite {
  if (site === undefined) throw new RangeError("match argument missing after arity check");
  return site;
}
