import { z } from "zod";
import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, PASS, transportProblem, type Verdict } from "./verdict.js";

const networkSchema = z.looseObject({
  nwid: z.string(),
  status: z.string(),
  portDeviceName: z.string().nullish(),
  assignedAddresses: z.array(z.string()).default([]),
});

/**
 * Reads `zerotier-cli -j listnetworks`: the lab network is joined, its status is OK and the
 * expected IPv4 is among its assigned addresses (written `10.0.2.1/16`).
 */
export function interpretListNetworks(
  result: RemoteResult,
  { networkId, expectedIp }: { networkId: string; expectedIp: string },
): Verdict {
  const problem = transportProblem(result, "zerotier-cli");
  if (problem !== undefined) return fail(problem);
  if (result.exitCode !== 0) {
    // zerotier-cli 1.14: "Error connecting to the ZeroTier service: connection failed" (exit 1).
    if (/Error connecting to the ZeroTier service/.test(result.stdout + result.stderr)) {
      return fail("zerotier-one is not running");
    }
    const why = lastLine(result.stderr || result.stdout) || `exit ${String(result.exitCode)}`;
    return fail(`zerotier-cli failed: ${why}`);
  }
  const parsed = z.array(networkSchema).safeParse(parseJson(result.stdout));
  if (!parsed.success) return fail("zerotier-cli printed something other than a network list");
  const network = parsed.data.find((entry) => entry.nwid.toLowerCase() === networkId);
  if (network === undefined) return fail(`not joined to ${networkId}`);
  if (network.status !== "OK") return fail(`status ${network.status}${statusHint(network.status)}`);
  const ips = network.assignedAddresses.map((address) => address.split("/")[0]);
  if (!ips.includes(expectedIp)) {
    const v4 = ips.filter((ip) => ip?.includes(".")).join(", ") || "none";
    return fail(`${expectedIp} not assigned (IPv4: ${v4})`);
  }
  return PASS;
}

function statusHint(status: string): string {
  if (status === "ACCESS_DENIED") return " (not authorized in Central)";
  if (status === "REQUESTING_CONFIGURATION") return " (waiting for the controller)";
  if (status === "NOT_FOUND") return " (no such network)";
  return "";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
