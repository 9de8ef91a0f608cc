import { describe, expect, it } from "vitest";
import {
  CLOUD_KINDS,
  InvalidLabError,
  RETIRED_CLOUDS,
  validateLab,
  type CloudKind,
  type LabInput,
} from "../../src/config/index.js";
import { ValidationError, type ValidationProblem } from "../../src/errors/index.js";
import { resolvePlan, type LabPlan, type ResolveOptions } from "../../src/plan/index.js";

function planOf(lab: LabInput, options: ResolveOptions = {}): LabPlan {
  return resolvePlan(validateLab(lab, {}), options);
}

function problemsOf(lab: LabInput): ValidationProblem[] {
  try {
    planOf(lab);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error("the lab was accepted");
}

function rolesOf(plan: LabPlan): [string, string[]][] {
  return plan.nodes.filter((node) => node.roles.length > 0).map((node) => [node.name, node.roles]);
}

describe("resolvePlan DNS and tap nodes when the first node is disabled", () => {
  it("passes over a disabled first node and a dns: false second node", () => {
    const plan = planOf({
      instances: { do: { enabled: false }, aws: { dns: false }, gcp: {}, vul: {} },
    });
    expect(plan.dnsNode).toBe("gcp");
    expect(rolesOf(plan)).toEqual([["gcp", ["dns", "tap"]]]);
  });

  it("keeps an explicit tap apart from the default DNS node", () => {
    const plan = planOf({
      network: { flow_rules: { mode: "tee", tap: "vul" } },
      instances: { do: { enabled: false }, gcp: {}, vul: {} },
    });
    expect(rolesOf(plan)).toEqual([
      ["gcp", ["dns"]],
      ["vul", ["tap"]],
    ]);
    expect(plan.network.flowRules).toEqual({ mode: "tee", tap: "vul", dropNonIp: false });
  });

  it("lets a disabled first node be the tap while the rules are off, but gives it no role", () => {
    const plan = planOf({
      network: { flow_rules: { tap: "do" } },
      instances: { do: { enabled: false }, aws: {} },
    });
    expect(plan.network.flowRules.tap).toBeUndefined();
    expect(rolesOf(plan)).toEqual([["aws", ["dns"]]]);
  });

  it("asks for a tap among the enabled nodes when every enabled node has dns: false", () => {
    const problems = problemsOf({
      network: { flow_rules: { mode: "watch" } },
      instances: { do: { enabled: false }, aws: { dns: false }, gcp: { dns: false } },
    });
    expect(problems).toEqual([
      {
        path: "network.flow_rules.tap",
        message: "mode watch needs a tap node, and no DNS node is there to default to",
        hint: "set network.flow_rules.tap to an enabled node: aws, gcp",
      },
    ]);
  });

  it("lists only enabled nodes in the hint for an unknown tap", () => {
    const problems = problemsOf({
      network: { flow_rules: { mode: "tee", tap: "ibm" } },
      instances: { do: { enabled: false }, aws: {}, gcp: {} },
    });
    expect(problems).toContainEqual({
      path: "network.flow_rules.tap",
      message: 'unknown node "ibm"',
      hint: "enabled nodes: aws, gcp",
    });
  });

  it("gives no hint for an unknown tap when no node is enabled", () => {
    const problems = problemsOf({
      network: { flow_rules: { tap: "ibm" } },
      instances: { do: { enabled: false } },
    });
    expect(problems).toContainEqual({
      path: "network.flow_rules.tap",
      message: 'unknown node "ibm"',
      hint: undefined,
    });
  });

  it("keeps dns: true on a disabled first node as the DNS node and reports it", () => {
    const problems = problemsOf({ instances: { do: { enabled: false, dns: true }, aws: {} } });
    expect(problems).toEqual([
      {
        path: "instances.do.dns",
        message: "the DNS node do is disabled",
        hint: "enable it, or set dns: true on an enabled node",
      },
    ]);
  });
});

const LIVE_CLOUDS = CLOUD_KINDS.filter((cloud) => RETIRED_CLOUDS[cloud] === undefined);

describe("resolvePlan with enabled: auto per cloud", () => {
  it.each(LIVE_CLOUDS)("asks about %s and follows the answer", (cloud) => {
    const asked: CloudKind[] = [];
    const lab: LabInput = { instances: { node: { cloud, enabled: "auto" } } };
    const on = planOf(lab, { hasCredentials: (kind) => (asked.push(kind), true) });
    const off = planOf(lab, { hasCredentials: () => false });
    expect(asked).toEqual([cloud]);
    expect(on.nodes[0]).toMatchObject({ enabled: true, enabledSetting: "auto" });
    expect(off.nodes[0]).toMatchObject({ enabled: false, enabledSetting: "auto" });
    expect(on.dnsNode).toBe("node");
    expect(off.dnsNode).toBeUndefined();
  });

  it("does not let credentials override an explicit enabled: true or false", () => {
    const plan = planOf(
      { instances: { do: { enabled: true }, aws: { enabled: false } } },
      { hasCredentials: (cloud) => cloud === "aws" },
    );
    expect(plan.nodes.map((node) => [node.name, node.enabled])).toEqual([
      ["do", true],
      ["aws", false],
    ]);
  });

  it("asks with the cloud inferred from a short key", () => {
    const asked: CloudKind[] = [];
    planOf(
      { instances: { azu: { enabled: "auto" }, hcl: { enabled: "auto" } } },
      { hasCredentials: (cloud) => (asked.push(cloud), false) },
    );
    expect(asked).toEqual(["azure", "hetzner"]);
  });

  it("rejects a tee tap whose cloud has no credentials", () => {
    const lab = validateLab(
      {
        network: { flow_rules: { mode: "tee", tap: "aws" } },
        instances: { do: {}, aws: { enabled: "auto" } },
      },
      {},
    );
    expect(() => resolvePlan(lab, { hasCredentials: (cloud) => cloud !== "aws" })).toThrow(
      expect.objectContaining({
        code: "invalid-lab",
        exitCode: 2,
        problems: [
          {
            path: "network.flow_rules.tap",
            message: 'tap node "aws" is disabled',
            hint: "enabled nodes: do",
          },
        ],
      }),
    );
  });

  it.each(Object.keys(RETIRED_CLOUDS))("rejects enabled: auto on the retired cloud %s", (cloud) => {
    let caught: unknown;
    try {
      validateLab({ instances: { old: { cloud, enabled: "auto" } } }, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidLabError);
    const error = caught as InvalidLabError;
    expect(error.exitCode).toBe(2);
    expect(error.problems.map((problem) => problem.path)).toEqual(["instances.old.enabled"]);
  });
});
