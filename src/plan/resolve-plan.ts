import { inferCloud, type CloudKind, type LabConfig } from "../config/index.js";
import { ValidationError, type ValidationProblem } from "../errors/index.js";
import { CLOUD_DEFAULTS } from "./cloud-defaults.js";
import { formatIpv4, formatIpv4Cidr, parseIpv4, parseIpv4Cidr } from "./ipv4.js";
import type { LabPlan, PlannedNode } from "./lab-plan.js";
import { checkPlan } from "./check-plan.js";

export interface ResolveOptions {
  /** Whether an `enabled: auto` node's cloud has credentials; without it, auto counts as on. */
  hasCredentials?: (cloud: CloudKind) => boolean;
  /** Where the lab came from, for error messages. */
  source?: string;
}

// Default containers supernet; node k gets 10.42.k.0/24 (DESIGN.md "Addresses").
const POD_SUPERNET_BASE = parseIpv4("10.42.0.0");

/** Applies every default, fixes every address, and rejects conflicts (all reported at once). */
export function resolvePlan(
  lab: LabConfig,
  { hasCredentials = () => true, source }: ResolveOptions = {},
): LabPlan {
  const problems: ValidationProblem[] = [];
  const route = parseIpv4Cidr(lab.network.route);
  const nodes = Object.entries(lab.instances).flatMap(([name, instance], i): PlannedNode[] => {
    const index = i + 1;
    const cloud = inferCloud(name, instance.cloud);
    if (cloud === undefined) {
      problems.push({
        path: `instances.${name}.cloud`,
        message: `is required: the cloud of "${name}" cannot be inferred from its name`,
      });
      return [];
    }
    const defaults = CLOUD_DEFAULTS[cloud];
    const setting = instance.enabled;
    const podCidr =
      instance.pod_cidr ?? formatIpv4Cidr({ base: POD_SUPERNET_BASE + index * 256, prefix: 24 });
    const pod = parseIpv4Cidr(podCidr);
    const bridgeHost = formatIpv4(pod.base + 1);
    const node: PlannedNode = {
      name,
      index,
      cloud,
      description: instance.description,
      enabled: setting === "auto" ? hasCredentials(cloud) : setting,
      enabledSetting: setting,
      region: instance.region ?? defaults.region,
      // A default zone belongs to the default region only.
      zone: instance.zone ?? (instance.region === undefined ? defaults.zone : undefined),
      size: instance.size ?? defaults.size,
      image: instance.image,
      ip: instance.ip_assignment ?? formatIpv4(route.base + index * 256 + 1),
      podCidr,
      bridgeAddress: `${bridgeHost}/${pod.prefix}`,
      routerId: instance.router_id ?? bridgeHost,
      fqdn: `${name}.${lab.network.name}`,
      roles: [],
      project: instance.project,
      compartmentId: instance.compartment_id,
      resourceGroup: instance.resource_group,
    };
    return [node];
  });

  const dnsNode = pickDnsNode(lab, nodes, problems);
  const tap = pickTapNode(lab, nodes, dnsNode, problems);
  for (const node of nodes) {
    if (node.name === dnsNode) node.roles.push("dns");
    if (node.name === tap) node.roles.push("tap");
  }

  const plan: LabPlan = {
    network: {
      name: lab.network.name,
      description: lab.network.description,
      route: lab.network.route,
      pool: { ...lab.network.assignment_pool },
      assignIpv6: { ...lab.network.assign_ipv6 },
      multicastLimit: lab.network.multicast_limit,
      flowRules: {
        mode: lab.network.flow_rules.mode,
        tap,
        dropNonIp: lab.network.flow_rules.drop_non_ip,
      },
    },
    nodes,
    users: Object.entries(lab.users).map(([key, user]) => ({
      key,
      username: user.username,
      sshPublicKey: user.ssh_pubkey.trim(),
    })),
    devices: Object.entries(lab.devices).map(([name, device]) => ({
      name,
      memberId: device.member_id,
      description: device.description,
      fqdn: `${name}.${lab.network.name}`,
    })),
    dnsNode,
  };

  problems.push(...checkPlan(plan));
  if (problems.length > 0) throw new ValidationError(problems, { source });
  return plan;
}

function pickDnsNode(
  lab: LabConfig,
  nodes: PlannedNode[],
  problems: ValidationProblem[],
): string | undefined {
  const chosen = nodes.filter((node) => lab.instances[node.name]?.dns === true);
  const [first, ...others] = chosen;
  for (const node of others) {
    problems.push({
      path: `instances.${node.name}.dns`,
      message: `a second DNS node; instances.${first?.name}.dns is already true`,
      hint: "set dns: true on one node only; zeronsd owns the network's DNS settings",
    });
  }
  for (const node of chosen.filter((candidate) => !candidate.enabled)) {
    problems.push({
      path: `instances.${node.name}.dns`,
      message: `the DNS node ${node.name} is disabled`,
      hint: "enable it, or set dns: true on an enabled node",
    });
  }
  if (first !== undefined) return first.name;
  const isCandidate = (node: PlannedNode) =>
    node.enabled && lab.instances[node.name]?.dns !== false;
  return nodes.find(isCandidate)?.name;
}

function pickTapNode(
  lab: LabConfig,
  nodes: PlannedNode[],
  dnsNode: string | undefined,
  problems: ValidationProblem[],
): string | undefined {
  const wanted = lab.network.flow_rules.tap;
  if (wanted === undefined) return dnsNode;
  const node = nodes.find((candidate) => candidate.name === wanted);
  const path = "network.flow_rules.tap";
  const enabledNames = nodes.filter((n) => n.enabled).map((n) => n.name);
  const hint = enabledNames.length > 0 ? `enabled nodes: ${enabledNames.join(", ")}` : undefined;
  if (node === undefined) {
    problems.push({ path, message: `unknown node "${wanted}"`, hint });
    return undefined;
  }
  // A disabled tap only matters when frames are actually copied to it.
  if (!node.enabled && lab.network.flow_rules.mode !== "off") {
    problems.push({ path, message: `tap node "${wanted}" is disabled`, hint });
  }
  return node.enabled ? wanted : undefined;
}
