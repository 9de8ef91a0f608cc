import { EnvironmentError, InputError } from "../errors/index.js";
import type { LabPlan } from "../plan/index.js";
import { interfaceName, memberAddressing } from "../zerotier/index.js";
import type { LabOutputs } from "./lab-outputs.js";

/** One node as the checks see it: where to reach it and what it should have. */
export interface CheckTarget {
  name: string;
  /** Public address for ssh; undefined when the outputs have none (not deployed). */
  host: string | undefined;
  zerotierIp: string;
  fqdn: string;
  nodeId: string | undefined;
  podCidr: string;
  /** The node's 6PLANE /80 (containers' IPv6 range), when its node id is known. */
  sixplanePrefix80: string | undefined;
}

export interface CheckLab {
  networkId: string;
  networkName: string;
  interfaceName: string;
  flowMode: "off" | "tee" | "watch";
  tapNode: string | undefined;
  targets: CheckTarget[];
}

/** The enabled nodes of the plan, placed with the addresses and ids the outputs report. */
export function buildCheckLab(plan: LabPlan, outputs: LabOutputs): CheckLab {
  const networkId = outputs.networkId;
  if (networkId === undefined) {
    throw new EnvironmentError(
      "the Terraform outputs have no network id (output `networks`); the lab is not up",
      {
        code: "outputs-without-network",
        hint: "run `ztlab up` first, or pass --outputs FILE from `terraform output -json`",
      },
    );
  }
  const targets = plan.nodes
    .filter((node) => node.enabled)
    .map((node): CheckTarget => {
      const out = outputs.nodes[node.name];
      const nodeId = out?.nodeId ?? outputs.identities[node.name];
      return {
        name: node.name,
        host: out?.publicIpv4 ?? out?.publicIpv6,
        zerotierIp: out?.zerotierIp ?? node.ip,
        fqdn: out?.fqdn ?? node.fqdn,
        nodeId,
        podCidr: node.podCidr,
        sixplanePrefix80:
          nodeId === undefined ? undefined : memberAddressing(networkId, nodeId).sixplanePrefix80,
      };
    });
  return {
    networkId,
    networkName: plan.network.name,
    interfaceName: interfaceName(networkId),
    flowMode: plan.network.flowRules.mode,
    tapNode: plan.network.flowRules.tap,
    targets,
  };
}

/** The rows of the matrix: `--node` names (comma lists allowed), else every target. */
export function selectRows(lab: CheckLab, nodes: readonly string[] | undefined): CheckTarget[] {
  if (nodes === undefined || nodes.length === 0) return lab.targets;
  const wanted = nodes.flatMap((value) => value.split(",")).map((value) => value.trim());
  const unknown = wanted.filter((name) => !lab.targets.some((t) => t.name === name));
  if (unknown.length > 0) {
    throw new InputError(`--node: no enabled node named ${unknown.join(", ")}`, {
      code: "unknown-node",
      hint: `nodes: ${lab.targets.map((t) => t.name).join(", ")}`,
    });
  }
  return lab.targets.filter((target) => wanted.includes(target.name));
}
