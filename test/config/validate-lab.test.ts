import { describe, expect, it } from "vitest";
import {
  InvalidLabError,
  REFERENCE_LAB,
  isUnder,
  sortProblems,
  validateLab,
} from "../../src/config/index.js";

function invalid(value: unknown): InvalidLabError {
  try {
    validateLab(value, { source: "lab.yaml" });
  } catch (error) {
    if (error instanceof InvalidLabError) return error;
    throw error;
  }
  throw new Error("the lab was accepted");
}

describe("validateLab", () => {
  it("applies the schema defaults to an empty lab", () => {
    const lab = validateLab({}, {});
    expect(lab.network).toMatchObject({
      name: "demo.lab",
      route: "10.0.0.0/16",
      assignment_pool: { start: "10.0.0.1", end: "10.0.0.254" },
      flow_rules: { mode: "off", drop_non_ip: false },
    });
    expect(lab.instances).toEqual({});
  });

  it("accepts the reference lab", () => {
    expect(Object.keys(validateLab(REFERENCE_LAB, {}).instances)).toHaveLength(9);
  });

  it.each([
    ["a top-level key", { instance: {} }, "instance", "instances"],
    ["a network key", { network: { rout: "10.0.0.0/16" } }, "network.rout", "route"],
    [
      "an instance key",
      { instances: { aws: { ip_asignment: "x" } } },
      "instances.aws.ip_asignment",
      "ip_assignment",
    ],
    [
      "a user key",
      { users: { a: { username: "a", sshpubkey: "x" } } },
      "users.a.sshpubkey",
      "ssh_pubkey",
    ],
    [
      "a flow-rules key",
      { network: { flow_rules: { taps: "do" } } },
      "network.flow_rules.taps",
      "tap",
    ],
  ])("suggests the nearest key for an unknown %s", (_name, lab, path, guess) => {
    const problem = invalid(lab).problems.find((p) => p.path === path);
    expect(problem?.message).toBe(`unknown key; did you mean "${guess}"?`);
    expect(problem?.hint).toMatch(/^allowed here: /);
  });

  it("names no key when none is near", () => {
    const [problem] = invalid({ instances: { aws: { zzzzzzzz: 1 } } }).problems;
    expect(problem).toMatchObject({ path: "instances.aws.zzzzzzzz", message: "unknown key" });
  });

  it("suggests the nearest cloud for an unknown cloud", () => {
    const [problem] = invalid({ instances: { web: { cloud: "digitalocaen" } } }).problems;
    expect(problem?.path).toBe("instances.web.cloud");
    expect(problem?.message).toBe('unknown cloud "digitalocaen"; did you mean "digitalocean"?');
    expect(problem?.hint).toMatch(/hetzner, linode/);
  });

  it("rejects an enabled eqx, says Equinix Metal shut down and names the alternatives", () => {
    for (const enabled of [true, "auto"] as const) {
      const [problem] = invalid({ instances: { eqx: { enabled } } }).problems;
      expect(problem?.path).toBe("instances.eqx.enabled");
      expect(problem?.message).toMatch(/Equinix Metal shut down on 2026-06-30/);
      expect(problem?.message).toMatch(/hetzner/);
      expect(problem?.message).toMatch(/linode/);
    }
    expect(() => validateLab({ instances: { eqx: { enabled: false } } }, {})).not.toThrow();
  });

  it("rejects an enabled node on equinix under any key", () => {
    const [problem] = invalid({ instances: { metal: { cloud: "equinix" } } }).problems;
    expect(problem?.path).toBe("instances.metal.enabled");
  });

  it.each([
    ["instances", "Web"],
    ["devices", "my_phone"],
    ["users", "Alice"],
    ["instances", "7"],
  ])("rejects the %s key %s as a DNS label", (section, key) => {
    const entry =
      section === "devices"
        ? { member_id: "a11c3411ce" }
        : section === "users"
          ? {}
          : { cloud: "aws" };
    const problems = invalid({ [section]: { [key]: entry } }).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: `${section}.${key}`,
        message: expect.stringMatching(/^key "/),
      }),
    );
  });

  it("tells a missing field from a wrong type", () => {
    const problems = invalid({ users: { a: { username: 5 } } }).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        path: "users.a.username",
        message: "expected string, got number 5",
      }),
      expect.objectContaining({ path: "users.a.ssh_pubkey", message: "is required (string)" }),
    ]);
  });

  it("reports schema problems and the checks of the parts that parsed together", () => {
    const error = invalid({
      network: { nmae: "x" },
      users: { Alice: { username: "root", ssh_pubkey: "nope" } },
      devices: { laptop: { member_id: "ff00000000" } },
      instances: { do: { enabled: "yes" }, web: {}, eqx: {} },
    });
    expect(error.problems.map((problem) => problem.path)).toEqual([
      "network.nmae",
      "users.Alice.username",
      "users.Alice.ssh_pubkey",
      "devices.laptop.member_id",
      "instances.do.enabled",
      "users.Alice",
      "instances.web.cloud",
      "instances.eqx.enabled",
    ]);
    expect(error.exitCode).toBe(2);
    expect(error.source).toBe("lab.yaml");
  });

  it("keeps what parsed, with defaults in place of bad fields, for the plan's checks", () => {
    const error = invalid({
      network: { route: "10.0.0.0/99", name: "x.lab" },
      instances: { do: { ip_assignment: "nope", size: "s-2" }, aws: "oops" },
    });
    expect(error.partial?.network.route).toBe("10.0.0.0/16");
    expect(error.partial?.network.name).toBe("x.lab");
    expect(error.partial?.instances.do).toMatchObject({ size: "s-2" });
    expect(error.partial?.instances.do).not.toHaveProperty("ip_assignment");
    expect(Object.keys(error.partial?.instances ?? {})).toEqual(["do", "aws"]);
  });

  it("keeps nothing when the lab is not a mapping", () => {
    const error = invalid(["not", "a", "lab"]);
    expect(error.partial).toBeUndefined();
    expect(error.problems).toEqual([
      expect.objectContaining({ path: "", message: "expected object, got a list" }),
    ]);
  });
});

describe("isUnder", () => {
  it("matches a path and the paths below it, not its siblings", () => {
    expect(isUnder("instances.aws", ["instances.aws"])).toBe(true);
    expect(isUnder("instances.aws.ip_assignment", ["instances.aws"])).toBe(true);
    expect(isUnder("instances.aws2", ["instances.aws"])).toBe(false);
    expect(isUnder("instances", ["instances.aws"])).toBe(false);
  });
});

describe("sortProblems", () => {
  it("orders problems by position and keeps those without one last, in order", () => {
    const sorted = sortProblems([
      { path: "c", message: "", line: 9, column: 1 },
      { path: "x", message: "" },
      { path: "a", message: "", line: 2, column: 5 },
      { path: "b", message: "", line: 2, column: 3 },
      { path: "y", message: "" },
    ]);
    expect(sorted.map((problem) => problem.path)).toEqual(["b", "a", "c", "x", "y"]);
  });
});

describe("validateLab messages", () => {
  it.each([
    ["OFF", '"OFF" is not allowed; did you mean "off"?'],
    ["tea", '"tea" is not allowed; did you mean "tee"?'],
  ])("names the written enum value %s, the allowed ones and a guess", (mode, message) => {
    const [problem] = invalid({ network: { flow_rules: { mode } } }).problems;
    expect(problem).toMatchObject({
      path: "network.flow_rules.mode",
      message,
      hint: "allowed: off, tee, watch",
    });
  });

  it.each([
    [Infinity, "expected number, got number Infinity"],
    [() => 1, "expected number, got a function"],
    [Symbol("x"), "expected number, got a symbol"],
  ])("describes a wrong value of type %s plainly", (value, message) => {
    const [problem] = invalid({ network: { multicast_limit: value } }).problems;
    expect(problem?.message).toBe(message);
  });

  it("quotes at most 40 characters of a value", () => {
    const [problem] = invalid({ network: { name: "\u0001".repeat(5000) } }).problems;
    expect(problem?.message.length).toBeLessThan(150);
    expect(problem?.message).not.toContain("\u0001");
  });

  it("lists the first 50 problems and counts the rest", () => {
    const keys = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 1]));
    const { problems } = invalid(keys);
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)?.message).toBe("... and 1950 more problems");
  });
});
