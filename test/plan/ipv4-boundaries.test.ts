import { describe, expect, it } from "vitest";
import {
  formatIpv4,
  formatIpv4Cidr,
  parseIpv4,
  parseIpv4Cidr,
  rangeContains,
  rangesOverlap,
} from "../../src/plan/ipv4.js";

const TOP = 2 ** 32 - 1;

describe("parseIpv4Cidr at the prefix limits", () => {
  it.each([
    ["0.0.0.0/0", 0, TOP, false],
    ["255.255.255.255/0", 0, TOP, true],
    ["128.0.0.0/1", 2 ** 31, TOP, false],
    ["127.255.255.255/1", 0, 2 ** 31 - 1, true],
    ["255.255.255.254/31", TOP - 1, TOP, false],
    ["255.255.255.255/31", TOP - 1, TOP, true],
    ["255.255.255.255/32", TOP, TOP, false],
    ["0.0.0.0/32", 0, 0, false],
  ])("spans %s from %d to %d (host bits %s)", (text, first, last, hasHostBits) => {
    const cidr = parseIpv4Cidr(text);
    expect(cidr).toMatchObject({ first, last, base: first, hasHostBits });
  });

  it("reads a zero-padded prefix as its number", () => {
    expect(parseIpv4Cidr("10.0.0.0/08")).toMatchObject({
      prefix: 8,
      last: parseIpv4("10.255.255.255"),
    });
  });

  it.each([
    ["10.0.0.255/24", "10.0.0.0/24"],
    ["172.31.255.255/12", "172.16.0.0/12"],
    ["192.168.1.1/23", "192.168.0.0/23"],
    ["255.255.255.255/0", "0.0.0.0/0"],
  ])("rounds %s down to its network %s", (text, network) => {
    expect(formatIpv4Cidr(parseIpv4Cidr(text))).toBe(network);
  });
});

describe("formatIpv4 at the ends of the address space", () => {
  it.each([
    [0, "0.0.0.0"],
    [255, "0.0.0.255"],
    [256, "0.0.1.0"],
    [2 ** 24 - 1, "0.255.255.255"],
    [2 ** 31, "128.0.0.0"],
    [TOP, "255.255.255.255"],
  ])("formats %d as %s", (value, text) => {
    expect(formatIpv4(value)).toBe(text);
    expect(parseIpv4(text)).toBe(value);
  });
});

describe("rangeContains and rangesOverlap at the edges", () => {
  const all = parseIpv4Cidr("0.0.0.0/0");
  const single = parseIpv4Cidr("10.0.0.7/32");

  it("contains both ends of the whole address space", () => {
    expect(rangeContains(all, 0)).toBe(true);
    expect(rangeContains(all, TOP)).toBe(true);
  });

  it("contains only its own address in a /32", () => {
    expect(rangeContains(single, parseIpv4("10.0.0.7"))).toBe(true);
    expect(rangeContains(single, parseIpv4("10.0.0.6"))).toBe(false);
    expect(rangeContains(single, parseIpv4("10.0.0.8"))).toBe(false);
  });

  it.each([
    ["ranges that share one address", { first: 10, last: 20 }, { first: 20, last: 30 }, true],
    ["adjacent ranges", { first: 10, last: 19 }, { first: 20, last: 30 }, false],
    ["a range inside another", { first: 10, last: 30 }, { first: 15, last: 16 }, true],
    ["two single addresses that are equal", { first: 5, last: 5 }, { first: 5, last: 5 }, true],
    ["two single addresses that differ", { first: 5, last: 5 }, { first: 6, last: 6 }, false],
  ])("finds overlap of %s to be %s", (_name, a, b, expected) => {
    expect(rangesOverlap(a, b)).toBe(expected);
    expect(rangesOverlap(b, a)).toBe(expected);
  });

  it("finds a /32 overlapping the whole address space", () => {
    expect(rangesOverlap(all, single)).toBe(true);
  });
});
