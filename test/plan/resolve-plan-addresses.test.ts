import { describe, expect, it } from "vitest";
import { validateLab, type LabInput } from "../../src/config/index.js";
import { ValidationError, type ValidationProblem } from "../../src/errors/index.js";
import { resolvePlan, type LabPlan } from "../../src/plan/index.js";

function planOf(lab: LabInput): LabPlan {
  return resolvePlan(validateLab(lab, {}));
}

function errorOf(lab: LabInput): ValidationError {
  try {
    planOf(lab);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("the lab was accepted");
}

function pathsOf(problems: readonly ValidationProblem[]): string[] {
  return problems.map((problem) => problem.path);
}

// `count` hetzner nodes named n1..nN, so node k sits at index k.
function manyNodes(count: number): Record<string, { cloud: "hetzner" }> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`n${i + 1}`, { cloud: "hetzner" as const }]),
  );
}

describe("resolvePlan with a route other than 10.0.0.0/16", () => {
  it("places default node addresses at k.1 of a /12 route", () => {
    const plan = planOf({
      network: {
        route: "172.16.0.0/12",
        assignment_pool: { start: "172.31.0.1", end: "172.31.0.254" },
      },
      instances: { do: {}, aws: {}, gcp: {} },
    });
    expect(plan.nodes.map((node) => node.ip)).toEqual(["172.16.1.1", "172.16.2.1", "172.16.3.1"]);
  });

  it("rejects the default node address when a /24 route cannot hold it, and names the fix", () => {
    const error = errorOf({
      network: {
        route: "192.168.0.0/24",
        assignment_pool: { start: "192.168.0.100", end: "192.168.0.200" },
      },
      instances: { do: {}, aws: {} },
    });
    expect(error.code).toBe("invalid-lab");
    expect(error.exitCode).toBe(2);
    expect(error.problems).toEqual([
      {
        path: "instances.do.ip_assignment",
        message: "192.168.1.1 is outside the route 192.168.0.0/24",
        hint: "set ip_assignment inside the route, or widen network.route",
      },
      expect.objectContaining({
        path: "instances.aws.ip_assignment",
        message: "192.168.2.1 is outside the route 192.168.0.0/24",
      }),
    ]);
  });

  it("accepts a /24 route once every node has an explicit ip_assignment outside the pool", () => {
    const plan = planOf({
      network: {
        route: "192.168.0.0/24",
        assignment_pool: { start: "192.168.0.100", end: "192.168.0.200" },
      },
      instances: { do: { ip_assignment: "192.168.0.11" }, aws: { ip_assignment: "192.168.0.12" } },
    });
    expect(plan.nodes.map((node) => [node.name, node.ip])).toEqual([
      ["do", "192.168.0.11"],
      ["aws", "192.168.0.12"],
    ]);
    expect(plan.network.pool).toEqual({ start: "192.168.0.100", end: "192.168.0.200" });
  });

  it("reports the default pool as outside a changed route at both ends", () => {
    const error = errorOf({ network: { route: "172.16.0.0/12" } });
    expect(pathsOf(error.problems)).toEqual([
      "network.assignment_pool.start",
      "network.assignment_pool.end",
    ]);
    expect(error.problems[0]?.message).toBe("10.0.0.1 is outside the route 172.16.0.0/12");
  });

  it("rejects the broadcast address of a route as a node address", () => {
    const error = errorOf({
      network: {
        route: "192.168.0.0/24",
        assignment_pool: { start: "192.168.0.100", end: "192.168.0.200" },
      },
      instances: { do: { ip_assignment: "192.168.0.255" } },
    });
    expect(error.problems).toEqual([
      {
        path: "instances.do.ip_assignment",
        message: "192.168.0.255 is the network or broadcast address of 192.168.0.0/24",
      },
    ]);
  });

  it.each([
    ["start", "192.168.0.100"],
    ["end", "192.168.0.200"],
  ])("rejects a node address at the pool %s, which the pool includes", (_end, address) => {
    const error = errorOf({
      network: {
        route: "192.168.0.0/24",
        assignment_pool: { start: "192.168.0.100", end: "192.168.0.200" },
      },
      instances: { do: { ip_assignment: address } },
    });
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "instances.do.ip_assignment",
        message: `${address} lies in the assignment pool 192.168.0.100-192.168.0.200`,
      }),
    ]);
  });
});

describe("resolvePlan container networks of other sizes", () => {
  it.each([
    ["10.50.0.0/16", "10.50.0.1/16"],
    ["10.60.8.0/21", "10.60.8.1/21"],
    ["10.70.0.16/28", "10.70.0.17/28"],
    ["10.80.0.4/30", "10.80.0.5/30"],
  ])("gives %s the bridge %s and the bridge host as router id", (podCidr, bridge) => {
    const plan = planOf({ instances: { do: { pod_cidr: podCidr } } });
    expect(plan.nodes[0]).toMatchObject({
      podCidr,
      bridgeAddress: bridge,
      routerId: bridge.split("/")[0],
    });
  });

  it("rejects a /31 and a /32 container network as too small", () => {
    const error = errorOf({
      instances: { do: { pod_cidr: "10.80.0.0/31" }, aws: { pod_cidr: "10.80.0.8/32" } },
    });
    expect(error.problems).toEqual([
      {
        path: "instances.do.pod_cidr",
        message: "10.80.0.0/31 is too small for a container network (at most /30)",
      },
      {
        path: "instances.aws.pod_cidr",
        message: "10.80.0.8/32 is too small for a container network (at most /30)",
      },
    ]);
  });

  it("rejects a /16 container network that swallows the next node's default /24", () => {
    const error = errorOf({ instances: { do: { pod_cidr: "10.42.0.0/16" }, aws: {} } });
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "instances.aws.pod_cidr",
        message: "10.42.2.0/24 overlaps instances.do.pod_cidr",
      }),
    ]);
  });

  it("rejects a container network inside the route as overlapping the route", () => {
    const error = errorOf({
      network: {
        route: "10.0.0.0/24",
        assignment_pool: { start: "10.0.0.10", end: "10.0.0.20" },
      },
      instances: { do: { ip_assignment: "10.0.0.2", pod_cidr: "10.0.0.16/30" } },
    });
    expect(error.problems).toEqual([
      {
        path: "instances.do.pod_cidr",
        message: "10.0.0.16/30 overlaps the ZeroTier route 10.0.0.0/24",
      },
    ]);
  });

  it("names the pool when a container network overlaps a pool outside the route", () => {
    const error = errorOf({
      network: {
        route: "10.0.0.0/24",
        assignment_pool: { start: "10.0.1.10", end: "10.0.1.20" },
      },
      instances: { do: { ip_assignment: "10.0.0.2", pod_cidr: "10.0.1.16/30" } },
    });
    expect(error.problems).toContainEqual({
      path: "instances.do.pod_cidr",
      message: "10.0.1.16/30 overlaps the assignment pool",
    });
  });
});

describe("resolvePlan router ids", () => {
  it("keeps the bridge address when router_id overrides the router id", () => {
    const plan = planOf({ instances: { do: { router_id: "192.0.2.7" }, aws: {} } });
    expect(plan.nodes.map((node) => [node.routerId, node.bridgeAddress])).toEqual([
      ["192.0.2.7", "10.42.1.1/24"],
      ["10.42.2.1", "10.42.2.1/24"],
    ]);
  });

  it("rejects a router id override that equals another node's default router id", () => {
    const error = errorOf({ instances: { do: { router_id: "10.42.2.1" }, aws: {} } });
    expect(error.problems).toEqual([
      {
        path: "instances.aws.router_id",
        message: "10.42.2.1 is already the OSPF router id of instances.do",
        hint: "OSPF router ids must be unique",
      },
    ]);
  });

  it("accepts a router id that equals a node's ZeroTier address", () => {
    const plan = planOf({ instances: { do: { router_id: "10.0.1.1" } } });
    expect(plan.nodes[0]?.routerId).toBe("10.0.1.1");
  });
});

describe("resolvePlan with many nodes in a /16", () => {
  it("gives node 254 and 255 addresses inside 10.0.0.0/16 and rejects node 256 only", () => {
    const error = errorOf({ instances: manyNodes(256) });
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "instances.n256.ip_assignment",
        message: "10.1.0.1 is outside the route 10.0.0.0/16",
      }),
    ]);
  });

  it("carries default container networks past 10.42.255.0/24 into 10.43.0.0/24", () => {
    const nodes = manyNodes(256);
    const plan = planOf({
      instances: { ...nodes, n256: { cloud: "hetzner", ip_assignment: "10.0.0.255" } },
    });
    const last = plan.nodes.slice(-3).map((node) => [node.ip, node.podCidr, node.routerId]);
    expect(last).toEqual([
      ["10.0.254.1", "10.42.254.0/24", "10.42.254.1"],
      ["10.0.255.1", "10.42.255.0/24", "10.42.255.1"],
      ["10.0.0.255", "10.43.0.0/24", "10.43.0.1"],
    ]);
  });
});
