// The commands each node runs for the per-node checks, each paired with its interpreter.
import type { CheckId } from "./check-ids.js";
import type { CheckLab, CheckTarget } from "./check-targets.js";
import * as commands from "./check-commands.js";
import { interpretHttpStatus } from "./interpret-curl.js";
import { interpretOspfRoutes } from "./interpret-bird.js";
import type { ContainerAddresses } from "./interpret-ip-addr.js";
import { interpretPing } from "./interpret-ping.js";
import { interpretListNetworks } from "./interpret-zerotier.js";
import type { RemoteResult } from "./ssh-transport.js";
import type { Verdict } from "./verdict.js";

/** One command on one node; `label` names the peer it concerns in failure reasons. */
export interface Step {
  check: CheckId;
  label?: string;
  command: string;
  interpret: (result: RemoteResult) => Verdict;
}

/** Steps of the checks that need nothing from other nodes' results. */
export function perNodeSteps(self: CheckTarget, lab: CheckLab, checks: readonly CheckId[]): Step[] {
  const peers = lab.targets.filter((target) => target.name !== self.name);
  const steps: Step[] = [];
  const want = (check: CheckId) => checks.includes(check);
  if (want("zerotier")) {
    steps.push({
      check: "zerotier",
      command: commands.zerotierStatusCommand(),
      interpret: (r) =>
        interpretListNetworks(r, { networkId: lab.networkId, expectedIp: self.zerotierIp }),
    });
  }
  for (const peer of peers) {
    if (want("ping-ip")) {
      steps.push({
        check: "ping-ip",
        label: `${peer.name} ${peer.zerotierIp}`,
        command: commands.pingCommand(peer.zerotierIp),
        interpret: (r) => interpretPing(r),
      });
    }
    if (want("ping-name")) {
      steps.push({
        check: "ping-name",
        label: peer.fqdn,
        command: commands.pingCommand(peer.fqdn, { ipv4Only: true }),
        interpret: (r) => interpretPing(r, { expectedAddress: peer.zerotierIp }),
      });
    }
  }
  if (want("web")) {
    for (const target of lab.targets) {
      steps.push({
        check: "web",
        label: target.fqdn,
        command: commands.webStatusCommand(target.fqdn),
        interpret: (r) => interpretHttpStatus(r),
      });
    }
  }
  if (want("ospf")) {
    const expected = peers.map((peer) => ({ prefix: peer.podCidr, node: peer.name }));
    steps.push({
      check: "ospf",
      command: commands.birdRoutesCommand(),
      interpret: (r) => interpretOspfRoutes(r, expected),
    });
  }
  return steps;
}

/** Pings from this node's probe container to every other node's, over IPv4 and 6PLANE IPv6. */
export function containerPingSteps(
  self: CheckTarget,
  probes: ReadonlyMap<string, ContainerAddresses>,
  checks: readonly CheckId[],
): Step[] {
  const own = probes.get(self.name);
  if (own?.ipv4 === undefined) return [];
  const steps: Step[] = [];
  for (const [peer, addresses] of probes) {
    if (peer === self.name) continue;
    const families = [
      ["container-ipv4", addresses.ipv4],
      ["container-ipv6", own.ipv6 === undefined ? undefined : addresses.ipv6],
    ] as const;
    for (const [check, address] of families) {
      if (!checks.includes(check) || address === undefined) continue;
      steps.push({
        check,
        label: `${peer} ${address}`,
        command: commands.probePingCommand(address),
        interpret: (r) => interpretPing(r),
      });
    }
  }
  return steps;
}
