import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { nodePrefix, nodeTargets, synthesizeLab, type SynthNode } from "../../src/synth/index.js";
import { collectTargets } from "../../src/synth/node-targets.js";
import { plainBootScript, referencePlan } from "../helpers/synth-lab.js";

// Terraform's identifier rule: a letter or underscore, then letters, digits, `_` and `-`.
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function synthNode(name: string, targets: string[]): SynthNode {
  return { name, cloud: "digitalocean", file: `node-${name}.tf.json`, prefix: `${name}_`, targets };
}

describe("nodePrefix", () => {
  it.each([
    ["do", "do_"],
    ["web-1", "web-1_"],
    ["a", "a_"],
    ["1st", "_1st_"],
    ["9-lives", "_9-lives_"],
    ["0", "_0_"],
  ])("gives %j the prefix %j", (node, prefix) => {
    expect(nodePrefix(node)).toBe(prefix);
    expect(nodePrefix(node)).toMatch(TERRAFORM_NAME);
  });

  it("keeps the prefixes of nodes whose names share a start apart", () => {
    const names = ["do", "do-2", "do2", "2do", "d"];
    for (const name of names) {
      const others = names.filter((other) => other !== name);
      for (const other of others)
        expect(nodePrefix(other).startsWith(nodePrefix(name))).toBe(false);
    }
  });
});

describe("nodeTargets", () => {
  const nodes = [
    synthNode("do", ['zerotier_identity.instances["do"]', "a.b"]),
    synthNode("web-1", ['zerotier_identity.instances["web-1"]']),
  ];

  it("returns the targets of the named node only", () => {
    expect(nodeTargets(nodes, "web-1")).toEqual(['zerotier_identity.instances["web-1"]']);
  });

  it("returns a copy the caller may change without touching the synth result", () => {
    const targets = nodeTargets(nodes, "do");
    targets.push("extra.one");
    expect(nodeTargets(nodes, "do")).toEqual(['zerotier_identity.instances["do"]', "a.b"]);
  });

  it("names the unknown node, lists the enabled ones and exits 2", () => {
    let caught: unknown;
    try {
      nodeTargets(nodes, "aws");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toMatchObject({
      code: "unknown-node",
      exitCode: 2,
      message: "instances.aws: not an enabled node of this lab",
      hint: "enabled nodes: do, web-1",
    });
  });

  it("says no node is enabled when the lab has none", () => {
    expect(() => nodeTargets([], "do")).toThrow(
      expect.objectContaining({ code: "unknown-node", hint: "no node is enabled" }),
    );
  });
});

describe("collectTargets", () => {
  it("lists the ZeroTier pair first, then resources sorted by type and name", () => {
    const doc = {
      resource: {
        z_type: { b: {}, a: {} },
        a_type: { y: {}, x: {} },
      },
      data: { ignored: { d: {} } },
      output: { ignored: {} },
    };
    expect(collectTargets("web-1", doc)).toEqual([
      'zerotier_identity.instances["web-1"]',
      'zerotier_member.instances["web-1"]',
      "a_type.x",
      "a_type.y",
      "z_type.a",
      "z_type.b",
    ]);
  });

  it("lists the ZeroTier pair alone for a document without resources", () => {
    expect(collectTargets("n", {})).toEqual([
      'zerotier_identity.instances["n"]',
      'zerotier_member.instances["n"]',
    ]);
  });
});

describe("node prefixes in synthesized files", () => {
  it.each([["1st"], ["do-2"]])(
    "start every resource name of node %j with its prefix and keep it a Terraform name",
    (name) => {
      const plan = referencePlan([name], (lab) => {
        lab.instances = {
          ...lab.instances,
          [name]: { cloud: "digitalocean", ip_assignment: "10.0.10.1", pod_cidr: "10.42.10.0/24" },
        };
      });
      const { files, nodes } = synthesizeLab(plan, {
        renderBootScript: ({ node }) => plainBootScript(node.name),
      });
      const [node] = nodes;
      expect(node?.prefix).toBe(nodePrefix(name));
      const doc = JSON.parse(files[`node-${name}.tf.json`] ?? "{}") as {
        resource: Record<string, Record<string, unknown>>;
      };
      const resourceNames = Object.values(doc.resource).flatMap((byName) => Object.keys(byName));
      expect(resourceNames.length).toBeGreaterThan(0);
      for (const resource of resourceNames) {
        expect(resource.startsWith(nodePrefix(name))).toBe(true);
        expect(resource).toMatch(TERRAFORM_NAME);
      }
      expect(node?.targets.slice(0, 2)).toEqual([
        `zerotier_identity.instances["${name}"]`,
        `zerotier_member.instances["${name}"]`,
      ]);
    },
  );
});
