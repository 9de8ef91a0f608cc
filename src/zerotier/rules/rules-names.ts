// Named constants of the rules language (shared/reference/flow-rules/README.md, "Named
// constants"). Lookups are case-sensitive, as in ZeroTier's compiler.

export const ETHERTYPE_NAMES: Readonly<Record<string, number>> = {
  ipv4: 0x0800,
  arp: 0x0806,
  wol: 0x0842,
  rarp: 0x8035,
  ipv6: 0x86dd,
  atalk: 0x809b,
  aarp: 0x80f3,
  ipx_a: 0x8137,
  ipx_b: 0x8138,
};

export const IP_PROTOCOL_NAMES: Readonly<Record<string, number>> = {
  icmp4: 1,
  icmpv4: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  igp: 9,
  udp: 17,
  rdp: 27,
  esp: 50,
  ah: 51,
  icmp6: 58,
  icmpv6: 58,
  l2tp: 115,
  sctp: 132,
  udplite: 136,
};

/** Bit numbers of the frame characteristics `chr` tests; 63 is the most significant. */
export const CHARACTERISTIC_BITS: Readonly<Record<string, number>> = {
  inbound: 63,
  multicast: 62,
  broadcast: 61,
  ipauth: 60,
  macauth: 59,
  tcp_fin: 0,
  tcp_syn: 1,
  tcp_rst: 2,
  tcp_psh: 3,
  tcp_ack: 4,
  tcp_urg: 5,
  tcp_ece: 6,
  tcp_cwr: 7,
  tcp_ns: 8,
  tcp_rs2: 9,
  tcp_rs1: 10,
  tcp_rs0: 11,
};

/** Looks a name up without ever reaching Object.prototype (`constructor`, `__proto__`). */
export function lookupName<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Sets `table[name]` as an own, enumerable key whatever the name, so `__proto__` is stored like
 * any other name instead of replacing the object's prototype.
 */
export function setName<T>(table: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(table, name, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
