import { InputError } from "../errors/index.js";

/** Every check, in matrix column order. `ssh` is the connection itself and always runs. */
export const CHECK_IDS = [
  "ssh",
  "zerotier",
  "ping-ip",
  "ping-name",
  "web",
  "ospf",
  "container-ipv4",
  "container-ipv6",
  "tap",
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  ssh: "ssh reaches the node",
  zerotier: "joined, status OK, expected IPv4 assigned",
  "ping-ip": "every other node answers ping on its ZeroTier IP",
  "ping-name": "every other node answers ping by DNS name",
  web: "every node's web page answers 200 by name",
  ospf: "bird has an OSPF route to every other container network",
  "container-ipv4": "a container reaches containers on every other node over IPv4",
  "container-ipv6": "a container reaches containers on every other node over 6PLANE IPv6",
  tap: "the tap node sees mirrored frames of a probe between two other nodes",
};

export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}

/** The checks to run for `--only` values (comma lists allowed); ssh is always included. */
export function selectChecks(only: readonly string[] | undefined): CheckId[] {
  if (only === undefined || only.length === 0) return [...CHECK_IDS];
  const wanted = only.flatMap((value) => value.split(",")).map((value) => value.trim());
  const unknown = wanted.filter((value) => !isCheckId(value));
  if (unknown.length > 0) {
    throw new InputError(`--only: unknown check ${unknown.map((u) => `"${u}"`).join(", ")}`, {
      code: "unknown-check",
      hint: `checks: ${CHECK_IDS.join(", ")}`,
    });
  }
  return CHECK_IDS.filter((id) => id === "ssh" || wanted.includes(id));
}
