import { describe, expect, it } from "vitest";
import {
  formatIpv4,
  formatIpv4Cidr,
  parseIpv4,
  parseIpv4Cidr,
  rangeContains,
  rangesOverlap,
} from "../../src/plan/ipv4.js";

describe("parseIpv4 and formatIpv4", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.0.1.1", 10 * 2 ** 24 + 256 + 1],
    ["255.255.255.255", 2 ** 32 - 1],
  ])("maps %s to %d and back", (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });
});

describe("parseIpv4Cidr", () => {
  it("gives the first and last address of a /24", () => {
    const cidr = parseIpv4Cidr("10.42.3.0/24");
    expect(formatIpv4(cidr.first)).toBe("10.42.3.0");
    expect(formatIpv4(cidr.last)).toBe("10.42.3.255");
    expect(cidr.prefix).toBe(24);
    expect(cidr.hasHostBits).toBe(false);
  });

  it("marks host bits and keeps the network base", () => {
    const cidr = parseIpv4Cidr("10.42.1.5/24");
    expect(cidr.hasHostBits).toBe(true);
    expect(formatIpv4Cidr(cidr)).toBe("10.42.1.0/24");
  });

  it.each([
    ["0.0.0.0/0", "0.0.0.0", "255.255.255.255"],
    ["10.0.0.7/32", "10.0.0.7", "10.0.0.7"],
    ["10.0.0.0/16", "10.0.0.0", "10.0.255.255"],
    ["192.168.0.0/31", "192.168.0.0", "192.168.0.1"],
  ])("spans %s from %s to %s", (text, first, last) => {
    const cidr = parseIpv4Cidr(text);
    expect(formatIpv4(cidr.first)).toBe(first);
    expect(formatIpv4(cidr.last)).toBe(last);
  });
});

describe("rangeContains and rangesOverlap", () => {
  const route = parseIpv4Cidr("10.0.0.0/16");

  it("contains the edges of a range and nothing past them", () => {
    expect(rangeContains(route, parseIpv4("10.0.0.0"))).toBe(true);
    expect(rangeContains(route, parseIpv4("10.0.255.255"))).toBe(true);
    expect(rangeContains(route, parseIpv4("10.1.0.0"))).toBe(false);
    expect(rangeContains(route, parseIpv4("9.255.255.255"))).toBe(false);
  });

  it.each([
    ["10.0.0.0/16", "10.0.5.0/24", true],
    ["10.42.1.0/24", "10.42.1.128/25", true],
    ["10.42.1.0/24", "10.42.2.0/24", false],
    ["10.0.0.0/8", "10.42.0.0/16", true],
    ["10.42.1.0/25", "10.42.1.128/25", false],
  ])("overlap of %s and %s is %s", (a, b, expected) => {
    expect(rangesOverlap(parseIpv4Cidr(a), parseIpv4Cidr(b))).toBe(expected);
    expect(rangesOverlap(parseIpv4Cidr(b), parseIpv4Cidr(a))).toBe(expected);
  });
});
