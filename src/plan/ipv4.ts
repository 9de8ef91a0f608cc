// IPv4 arithmetic on 32-bit unsigned numbers. Inputs were format-checked by config/.

export interface Ipv4Range {
  first: number;
  last: number;
}

export function parseIpv4(text: string): number {
  return text.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface Ipv4Cidr extends Ipv4Range {
  base: number;
  prefix: number;
  /** True when the address part has bits set below the prefix, e.g. 10.42.1.5/24. */
  hasHostBits: boolean;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr {
  const [addr = "", bits = "0"] = text.split("/");
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const value = parseIpv4(addr);
  const base = value - (value % size);
  return { base, prefix, first: base, last: base + size - 1, hasHostBits: value !== base };
}

export function formatIpv4Cidr(cidr: Pick<Ipv4Cidr, "base" | "prefix">): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

export function rangeContains(range: Ipv4Range, value: number): boolean {
  return value >= range.first && value <= range.last;
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
