import { z } from "zod";
import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, transportProblem, type Verdict } from "./verdict.js";

const addrInfo = z.looseObject({
  family: z.string(),
  local: z.string(),
  prefixlen: z.number(),
  scope: z.string().optional(),
});
const linkSchema = z.array(z.looseObject({ ifname: z.string(), addr_info: z.array(addrInfo) }));

export interface ContainerAddresses {
  ipv4: string | undefined;
  ipv6: string | undefined;
}

/**
 * Reads `ip -j addr show dev eth0` from inside the probe container: its IPv4 must sit in the
 * node's container network and its global IPv6 in the node's 6PLANE /80 (given as `fc..:..::/80`).
 */
export function interpretContainerAddresses(
  result: RemoteResult,
  { ipv4Cidr, sixplanePrefix80 }: { ipv4Cidr: string; sixplanePrefix80: string },
): Verdict & { addresses: ContainerAddresses } {
  const none = { ipv4: undefined, ipv6: undefined };
  const problem = transportProblem(result, "docker");
  if (problem !== undefined) return { ...fail(problem), addresses: none };
  let parsed: z.infer<typeof linkSchema> | undefined;
  try {
    parsed = linkSchema.parse(JSON.parse(result.stdout));
  } catch {
    if (result.exitCode === 0) {
      return { ...fail("ip printed something other than an address list"), addresses: none };
    }
    const why = lastLine(result.stderr || result.stdout) || "no output";
    return { ...fail(`probe container did not start: ${why}`), addresses: none };
  }
  const infos = parsed.flatMap((link) => link.addr_info);
  const ipv4 = infos.find((info) => info.family === "inet" && inIpv4Cidr(info.local, ipv4Cidr));
  const ipv6 = infos.find(
    (info) =>
      info.family === "inet6" &&
      info.scope === "global" &&
      inSixplane(info.local, sixplanePrefix80),
  );
  const addresses = { ipv4: ipv4?.local, ipv6: ipv6?.local };
  if (ipv4 === undefined) return { ...fail(`container has no IPv4 in ${ipv4Cidr}`), addresses };
  if (ipv6 === undefined) {
    return { ...fail(`container has no IPv6 in ${sixplanePrefix80}`), addresses };
  }
  return { ok: true, addresses };
}

function inIpv4Cidr(address: string, cidr: string): boolean {
  const [base = "", bits = "32"] = cidr.split("/");
  const prefix = Number(bits);
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (toNumber(address) & mask) >>> 0 === (toNumber(base) & mask) >>> 0;
}

function toNumber(address: string): number {
  return address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

// Compares the first 80 bits by expanding both addresses to full hex.
function inSixplane(address: string, prefix80: string): boolean {
  const head = prefix80.split("/")[0] ?? "";
  return expand(address).slice(0, 20) === expand(head).slice(0, 20);
}

function expand(address: string): string {
  const [left = "", right] = address.split("::");
  const leftGroups = left === "" ? [] : left.split(":");
  const rightGroups = right === undefined || right === "" ? [] : right.split(":");
  const fill =
    right === undefined ? [] : Array(8 - leftGroups.length - rightGroups.length).fill("0");
  return [...leftGroups, ...fill, ...rightGroups].map((group) => group.padStart(4, "0")).join("");
}
