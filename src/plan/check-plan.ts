// Cross-field rules of a resolved lab: addresses inside the route, nothing used twice.
import type { ValidationProblem } from "../errors/index.js";
import {
  formatIpv4,
  formatIpv4Cidr as formatCidr,
  parseIpv4,
  parseIpv4Cidr,
  rangeContains,
  rangesOverlap,
  type Ipv4Cidr,
  type Ipv4Range,
} from "./ipv4.js";
import type { LabPlan } from "./lab-plan.js";

export function checkPlan(plan: LabPlan): ValidationProblem[] {
  return [
    ...checkPool(plan),
    ...checkNodeAddresses(plan),
    ...checkPodCidrs(plan),
    ...checkRouterIds(plan),
    ...checkNames(plan),
    ...checkFlowRules(plan),
  ];
}

function checkPool(plan: LabPlan): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const route = parseIpv4Cidr(plan.network.route);
  const start = parseIpv4(plan.network.pool.start);
  const end = parseIpv4(plan.network.pool.end);
  if (route.hasHostBits) {
    problems.push({
      path: "network.route",
      message: `${plan.network.route} has host bits set`,
      hint: `did you mean ${formatCidr(route)}?`,
    });
  }
  if (start > end) {
    problems.push({
      path: "network.assignment_pool",
      message: `start ${plan.network.pool.start} is after end ${plan.network.pool.end}`,
    });
  }
  for (const end_ of ["start", "end"] as const) {
    const address = parseIpv4(plan.network.pool[end_]);
    if (!rangeContains(route, address)) {
      problems.push({
        path: `network.assignment_pool.${end_}`,
        message: `${plan.network.pool[end_]} is outside the route ${plan.network.route}`,
      });
    } else if (hasReservedEnds(route) && address === route[RESERVED[end_].at]) {
      const { name, instead, step } = RESERVED[end_];
      problems.push({
        path: `network.assignment_pool.${end_}`,
        message: `${plan.network.pool[end_]} is the ${name} address of ${plan.network.route}`,
        hint: `ZeroTier would hand it to a device; ${instead} ${formatIpv4(address + step)}`,
      });
    }
  }
  return problems;
}

// The ends of a route that a pool must not hand out.
const RESERVED = {
  start: { at: "first", name: "network", instead: "start the pool at", step: 1 },
  end: { at: "last", name: "broadcast", instead: "end the pool at", step: -1 },
} as const;

// A /31 or /32 route has no network or broadcast address to keep free.
function hasReservedEnds(route: Ipv4Cidr): boolean {
  return route.prefix <= 30;
}

function checkNodeAddresses(plan: LabPlan): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const route = parseIpv4Cidr(plan.network.route);
  const pool = {
    first: parseIpv4(plan.network.pool.start),
    last: parseIpv4(plan.network.pool.end),
  };
  const seen = new Map<string, string>();
  for (const node of plan.nodes) {
    const path = `instances.${node.name}.ip_assignment`;
    const ip = parseIpv4(node.ip);
    if (!rangeContains(route, ip)) {
      problems.push({
        path,
        message: `${node.ip} is outside the route ${plan.network.route}`,
        hint: "set ip_assignment inside the route, or widen network.route",
      });
    } else if (ip === route.first || ip === route.last) {
      problems.push({
        path,
        message: `${node.ip} is the network or broadcast address of ${plan.network.route}`,
      });
    }
    if (pool.first <= pool.last && rangeContains(pool, ip)) {
      problems.push({
        path,
        message: `${node.ip} lies in the assignment pool ${plan.network.pool.start}-${plan.network.pool.end}`,
        hint: "ZeroTier could give the same address to a device; keep node addresses outside the pool",
      });
    }
    const other = seen.get(node.ip);
    if (other !== undefined) {
      problems.push({ path, message: `${node.ip} is already the address of instances.${other}` });
    }
    seen.set(node.ip, node.name);
  }
  return problems;
}

function checkPodCidrs(plan: LabPlan): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const route = parseIpv4Cidr(plan.network.route);
  const pool = {
    first: parseIpv4(plan.network.pool.start),
    last: parseIpv4(plan.network.pool.end),
  };
  const placed: { name: string; range: Ipv4Range }[] = [];
  for (const node of plan.nodes) {
    const path = `instances.${node.name}.pod_cidr`;
    const cidr = parseIpv4Cidr(node.podCidr);
    if (cidr.hasHostBits) {
      problems.push({
        path,
        message: `${node.podCidr} has host bits set`,
        hint: `did you mean ${formatCidr(cidr)}?`,
      });
    }
    if (cidr.prefix > 30) {
      problems.push({
        path,
        message: `${node.podCidr} is too small for a container network (at most /30)`,
      });
    }
    if (rangesOverlap(cidr, route)) {
      problems.push({
        path,
        message: `${node.podCidr} overlaps the ZeroTier route ${plan.network.route}`,
      });
    } else if (rangesOverlap(cidr, pool)) {
      problems.push({ path, message: `${node.podCidr} overlaps the assignment pool` });
    }
    for (const other of placed) {
      if (rangesOverlap(cidr, other.range)) {
        problems.push({
          path,
          message: `${node.podCidr} overlaps instances.${other.name}.pod_cidr`,
          hint: "give each node its own /24 inside 10.42.0.0/16",
        });
      }
    }
    placed.push({ name: node.name, range: cidr });
  }
  return problems;
}

function checkRouterIds(plan: LabPlan): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, string>();
  for (const node of plan.nodes) {
    const other = seen.get(node.routerId);
    if (other !== undefined) {
      problems.push({
        path: `instances.${node.name}.router_id`,
        message: `${node.routerId} is already the OSPF router id of instances.${other}`,
        hint: "OSPF router ids must be unique",
      });
    }
    seen.set(node.routerId, node.name);
  }
  return problems;
}

function checkNames(plan: LabPlan): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const nodeNames = new Set(plan.nodes.map((node) => node.name));
  for (const device of plan.devices) {
    if (nodeNames.has(device.name)) {
      problems.push({
        path: `devices.${device.name}`,
        message: `the name ${device.fqdn} is already taken by instances.${device.name}`,
      });
    }
  }
  const members = new Map<string, string>();
  for (const device of plan.devices) {
    const other = members.get(device.memberId);
    if (other !== undefined) {
      problems.push({
        path: `devices.${device.name}.member_id`,
        message: `${device.memberId} is already the member id of devices.${other}`,
      });
    }
    members.set(device.memberId, device.name);
  }
  const users = new Map<string, string>();
  for (const user of plan.users) {
    const other = users.get(user.username);
    if (other !== undefined) {
      problems.push({
        path: `users.${user.key}.username`,
        message: `"${user.username}" is already the username of users.${other}`,
      });
    }
    users.set(user.username, user.key);
  }
  return problems;
}

function checkFlowRules(plan: LabPlan): ValidationProblem[] {
  const { mode, tap } = plan.network.flowRules;
  // With a DNS node to default to, a missing tap was named in the lab file and rejected already.
  if (mode === "off" || tap !== undefined || plan.dnsNode !== undefined) return [];
  const enabled = plan.nodes.filter((node) => node.enabled).map((node) => node.name);
  if (enabled.length > 0) {
    // The tap defaults to the DNS node; with dns: false everywhere there is none to default to.
    return [
      {
        path: "network.flow_rules.tap",
        message: `mode ${mode} needs a tap node, and no DNS node is there to default to`,
        hint: `set network.flow_rules.tap to an enabled node: ${enabled.join(", ")}`,
      },
    ];
  }
  return [
    {
      path: "network.flow_rules.mode",
      message: `mode ${mode} needs an enabled tap node, and no node is enabled`,
    },
  ];
}
