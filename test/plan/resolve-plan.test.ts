import { describe, expect, it } from "vitest";
import { REFERENCE_LAB, validateLab, type LabInput } from "../../src/config/index.js";
import { ValidationError } from "../../src/errors/index.js";
import { CLOUD_DEFAULTS, resolvePlan, type LabPlan } from "../../src/plan/index.js";

function planOf(lab: LabInput, options: Parameters<typeof resolvePlan>[1] = {}): LabPlan {
  return resolvePlan(validateLab(lab, {}), options);
}

function problemsOf(lab: LabInput): { path: string; message: string }[] {
  try {
    planOf(lab);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error("the lab was accepted");
}

describe("resolvePlan on the reference lab", () => {
  const plan = planOf(REFERENCE_LAB);
  const names = ["do", "aws", "gcp", "azu", "oci", "ibm", "vul", "ali", "eqx"];

  it("lists the nine nodes in lab-file order", () => {
    expect(plan.nodes.map((node) => node.name)).toEqual(names);
  });

  it("gives node k the address 10.0.k.1, containers 10.42.k.0/24 and router id 10.42.k.1", () => {
    plan.nodes.forEach((node, i) => {
      const k = i + 1;
      expect(node.index).toBe(k);
      expect(node.ip).toBe(`10.0.${k}.1`);
      expect(node.podCidr).toBe(`10.42.${k}.0/24`);
      expect(node.bridgeAddress).toBe(`10.42.${k}.1/24`);
      expect(node.routerId).toBe(`10.42.${k}.1`);
      expect(node.fqdn).toBe(`${names[i]}.demo.lab`);
    });
  });

  it("infers each cloud from the short keys", () => {
    expect(plan.nodes.map((node) => node.cloud)).toEqual([
      "digitalocean",
      "aws",
      "gcp",
      "azure",
      "oci",
      "ibm",
      "vultr",
      "alibaba",
      "equinix",
    ]);
  });

  it("lists eqx disabled and every other node enabled", () => {
    const disabled = plan.nodes.filter((node) => !node.enabled).map((node) => node.name);
    expect(disabled).toEqual(["eqx"]);
  });

  it("makes do the DNS node and the tap node", () => {
    expect(plan.dnsNode).toBe("do");
    expect(plan.nodes[0]?.roles).toEqual(["dns", "tap"]);
    expect(plan.nodes.slice(1).every((node) => node.roles.length === 0)).toBe(true);
    expect(plan.network.flowRules).toEqual({ mode: "off", tap: "do", dropNonIp: false });
  });

  it("keeps the network, users and devices of the reference lab", () => {
    expect(plan.network.route).toBe("10.0.0.0/16");
    expect(plan.network.pool).toEqual({ start: "10.0.0.1", end: "10.0.0.254" });
    expect(plan.network.assignIpv6).toEqual({ zerotier: true, sixplane: true, rfc4193: true });
    expect(plan.users.map((user) => user.username)).toEqual(["alice", "bob"]);
    expect(plan.devices.map((device) => [device.memberId, device.fqdn])).toEqual([
      ["a11c3411ce", "laptop.demo.lab"],
      ["b0bd0bb0bb", "workstation.demo.lab"],
    ]);
  });
});

describe("resolvePlan defaults and overrides", () => {
  it("fills defaults for a node that names only its key", () => {
    const plan = planOf({ instances: { vul: {}, do: {} } });
    expect(plan.nodes.map((node) => [node.name, node.ip, node.podCidr])).toEqual([
      ["vul", "10.0.1.1", "10.42.1.0/24"],
      ["do", "10.0.2.1", "10.42.2.0/24"],
    ]);
    const { region, size } = CLOUD_DEFAULTS.digitalocean;
    expect(plan.nodes[1]).toMatchObject({ region, size, zone: undefined });
    expect(plan.dnsNode).toBe("vul");
  });

  it("uses the addresses, names and placement the lab file gives", () => {
    const plan = planOf({
      network: {
        name: "corp.test",
        route: "172.16.0.0/16",
        assignment_pool: { start: "172.16.9.1", end: "172.16.9.99" },
      },
      instances: {
        edge: {
          cloud: "hetzner",
          ip_assignment: "172.16.0.10",
          pod_cidr: "10.99.0.0/20",
          router_id: "192.0.2.1",
          region: "fsn1",
          size: "cx33",
          image: "ubuntu-24.04",
        },
      },
    });
    expect(plan.nodes[0]).toMatchObject({
      name: "edge",
      cloud: "hetzner",
      ip: "172.16.0.10",
      podCidr: "10.99.0.0/20",
      bridgeAddress: "10.99.0.1/20",
      routerId: "192.0.2.1",
      region: "fsn1",
      size: "cx33",
      image: "ubuntu-24.04",
      fqdn: "edge.corp.test",
    });
  });

  it("drops the default zone when the region is overridden", () => {
    const plan = planOf({ instances: { aws: { region: "eu-west-1" }, gcp: {} } });
    expect(plan.nodes[0]).toMatchObject({ region: "eu-west-1", zone: undefined });
    const { region, zone } = CLOUD_DEFAULTS.gcp;
    expect(zone).toBeDefined();
    expect(plan.nodes[1]).toMatchObject({ region, zone });
  });

  it("takes the DNS node from dns: true, and skips a node with dns: false", () => {
    expect(planOf({ instances: { do: {}, aws: { dns: true } } }).dnsNode).toBe("aws");
    expect(planOf({ instances: { do: { dns: false }, aws: {} } }).dnsNode).toBe("aws");
  });

  it("skips disabled nodes when choosing the default DNS node", () => {
    const plan = planOf({ instances: { do: { enabled: false }, aws: {} } });
    expect(plan.dnsNode).toBe("aws");
    expect(plan.nodes[1]?.roles).toEqual(["dns", "tap"]);
  });

  it("accepts a lab with no enabled node and gives it no DNS or tap node", () => {
    const plan = planOf({ instances: { do: { enabled: false } } });
    expect(plan.dnsNode).toBeUndefined();
    expect(plan.network.flowRules.tap).toBeUndefined();
  });

  it("accepts a lab with no nodes at all", () => {
    const plan = planOf({});
    expect(plan.nodes).toEqual([]);
    expect(plan.network.name).toBe("demo.lab");
  });
});

describe("resolvePlan with enabled: auto", () => {
  const lab: LabInput = { instances: { do: { enabled: "auto" }, aws: { enabled: "auto" } } };

  it("enables an auto node whose cloud has credentials and keeps the setting", () => {
    const plan = planOf(lab, { hasCredentials: (cloud) => cloud === "aws" });
    expect(plan.nodes.map((node) => [node.name, node.enabled, node.enabledSetting])).toEqual([
      ["do", false, "auto"],
      ["aws", true, "auto"],
    ]);
    expect(plan.dnsNode).toBe("aws");
  });

  it("counts auto as on when no credential check is given", () => {
    expect(planOf(lab).nodes.every((node) => node.enabled)).toBe(true);
  });
});

describe("resolvePlan cross-field rules", () => {
  it.each<[string, LabInput, string, RegExp]>([
    [
      "an address outside the route",
      { instances: { aws: { ip_assignment: "10.1.2.1" } } },
      "instances.aws.ip_assignment",
      /10\.1\.2\.1 is outside the route 10\.0\.0\.0\/16/,
    ],
    [
      "the network address of the route",
      { instances: { aws: { ip_assignment: "10.0.0.0" } } },
      "instances.aws.ip_assignment",
      /network or broadcast/,
    ],
    [
      "a node address inside the pool",
      { instances: { aws: { ip_assignment: "10.0.0.9" } } },
      "instances.aws.ip_assignment",
      /in the assignment pool/,
    ],
    [
      "two nodes with one address",
      { instances: { do: {}, aws: { ip_assignment: "10.0.1.1" } } },
      "instances.aws.ip_assignment",
      /already the address of instances\.do/,
    ],
    [
      "overlapping container networks",
      { instances: { do: {}, aws: { pod_cidr: "10.42.1.128/25" } } },
      "instances.aws.pod_cidr",
      /overlaps instances\.do\.pod_cidr/,
    ],
    [
      "a container network inside the route",
      { instances: { do: { pod_cidr: "10.0.200.0/24" } } },
      "instances.do.pod_cidr",
      /overlaps the ZeroTier route/,
    ],
    [
      "a container network with host bits",
      { instances: { do: { pod_cidr: "10.42.1.1/24" } } },
      "instances.do.pod_cidr",
      /host bits/,
    ],
    [
      "a container network that is too small",
      { instances: { do: { pod_cidr: "10.42.1.0/31" } } },
      "instances.do.pod_cidr",
      /too small/,
    ],
    [
      "two nodes with one router id",
      { instances: { do: {}, aws: { router_id: "10.42.1.1" } } },
      "instances.aws.router_id",
      /already the OSPF router id of instances\.do/,
    ],
    [
      "a pool that starts after it ends",
      { network: { assignment_pool: { start: "10.0.0.200", end: "10.0.0.10" } } },
      "network.assignment_pool",
      /start 10\.0\.0\.200 is after end 10\.0\.0\.10/,
    ],
    [
      "a pool outside the route",
      { network: { assignment_pool: { start: "10.0.0.1", end: "10.1.0.1" } } },
      "network.assignment_pool.end",
      /outside the route/,
    ],
    [
      "a pool that starts at the network address",
      {
        network: { route: "10.0.0.0/24", assignment_pool: { start: "10.0.0.0", end: "10.0.0.99" } },
      },
      "network.assignment_pool.start",
      /10\.0\.0\.0 is the network address of 10\.0\.0\.0\/24/,
    ],
    [
      "a pool that ends at the broadcast address",
      {
        network: {
          route: "10.0.0.0/24",
          assignment_pool: { start: "10.0.0.9", end: "10.0.0.255" },
        },
      },
      "network.assignment_pool.end",
      /10\.0\.0\.255 is the broadcast address of 10\.0\.0\.0\/24/,
    ],
    ["a route with host bits", { network: { route: "10.0.0.1/16" } }, "network.route", /host bits/],
    [
      "two DNS nodes",
      { instances: { do: { dns: true }, aws: { dns: true } } },
      "instances.aws.dns",
      /second DNS node; instances\.do\.dns/,
    ],
    [
      "a disabled DNS node",
      { instances: { do: { dns: true, enabled: false }, aws: {} } },
      "instances.do.dns",
      /DNS node do is disabled/,
    ],
    [
      "an unknown tap node",
      { network: { flow_rules: { tap: "nope" } }, instances: { do: {} } },
      "network.flow_rules.tap",
      /unknown node "nope"/,
    ],
    [
      "a disabled tap node while copying frames",
      {
        network: { flow_rules: { mode: "tee", tap: "aws" } },
        instances: { do: {}, aws: { enabled: false } },
      },
      "network.flow_rules.tap",
      /tap node "aws" is disabled/,
    ],
    [
      "a watch mode with no enabled node",
      { network: { flow_rules: { mode: "watch" } }, instances: { do: { enabled: false } } },
      "network.flow_rules.mode",
      /needs an enabled tap node/,
    ],
    [
      "a device named like a node",
      { devices: { do: { member_id: "a11c3411ce" } }, instances: { do: {} } },
      "devices.do",
      /do\.demo\.lab is already taken by instances\.do/,
    ],
    [
      "two devices with one member id",
      { devices: { a: { member_id: "a11c3411ce" }, b: { member_id: "a11c3411ce" } } },
      "devices.b.member_id",
      /already the member id of devices\.a/,
    ],
    [
      "a node whose cloud cannot be inferred",
      { instances: { web: {} } },
      "instances.web.cloud",
      /cannot be inferred/,
    ],
  ])("rejects %s", (_name, lab, path, message) => {
    const problems = problemsOf(lab);
    expect(problems).toContainEqual(
      expect.objectContaining({ path, message: expect.stringMatching(message) }),
    );
  });

  it("names both ends when the pool spans the whole route", () => {
    const problems = problemsOf({
      network: { route: "10.0.0.0/24", assignment_pool: { start: "10.0.0.0", end: "10.0.0.255" } },
      instances: { do: { ip_assignment: "10.0.0.1" } },
    }).filter((problem) => problem.path.startsWith("network.assignment_pool"));
    expect(problems).toEqual([
      expect.objectContaining({
        path: "network.assignment_pool.start",
        hint: expect.stringMatching(/start the pool at 10\.0\.0\.1$/),
      }),
      expect.objectContaining({
        path: "network.assignment_pool.end",
        hint: expect.stringMatching(/end the pool at 10\.0\.0\.254$/),
      }),
    ]);
  });

  it("accepts a pool that fills a /31 route, which has no network or broadcast address", () => {
    const problems = problemsOf({
      network: { route: "10.0.0.0/31", assignment_pool: { start: "10.0.0.0", end: "10.0.0.1" } },
      instances: { do: { ip_assignment: "10.0.0.1" } },
    });
    expect(
      problems.filter((problem) => problem.path.startsWith("network.assignment_pool")),
    ).toEqual([]);
  });

  it("allows a disabled tap node while the rules are off", () => {
    const plan = planOf({
      network: { flow_rules: { tap: "aws" } },
      instances: { do: {}, aws: { enabled: false } },
    });
    expect(plan.network.flowRules.tap).toBeUndefined();
  });

  it("reports every conflict at once", () => {
    const problems = problemsOf({
      network: { assignment_pool: { start: "10.0.0.200", end: "10.0.0.10" } },
      instances: {
        do: { dns: true },
        aws: { dns: true, ip_assignment: "10.0.1.1", router_id: "10.42.1.1" },
      },
    });
    expect(problems.map((problem) => problem.path)).toEqual([
      "instances.aws.dns",
      "network.assignment_pool",
      "instances.aws.ip_assignment",
      "instances.aws.router_id",
    ]);
  });

  it("names the source in the error", () => {
    const lab = validateLab({ instances: { aws: { ip_assignment: "10.1.2.1" } } }, {});
    expect(() => resolvePlan(lab, { source: "lab.yaml" })).toThrow(
      expect.objectContaining({ source: "lab.yaml", code: "invalid-lab", exitCode: 2 }),
    );
  });
});
