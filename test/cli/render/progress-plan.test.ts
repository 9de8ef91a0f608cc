import { describe, expect, it } from "vitest";
import {
  changesPerNode,
  nodeLookup,
  renderPlanSummary,
} from "../../../src/cli/render/progress-plan.js";

describe("nodeLookup", () => {
  const nodeOf = nodeLookup([
    { name: "aws", targets: ["aws_instance.aws_vm", 'zerotier_member.instances["aws"]'] },
    { name: "do", targets: ["digitalocean_droplet.do_vm"] },
  ]);

  it.each([
    ["a target itself", "aws_instance.aws_vm", "aws"],
    ["a counted instance of a target", "aws_instance.aws_vm[0]", "aws"],
    ["a keyed instance of a target", 'digitalocean_droplet.do_vm["x"]', "do"],
    ["a keyed target written with its key", 'zerotier_member.instances["aws"]', "aws"],
    ["another key of a keyed target", 'zerotier_member.instances["do"]', undefined],
    ["an address of no node", "zerotier_network.demolab", undefined],
    ["a prefix of a target", "aws_instance.aws", undefined],
  ])("maps %s (%s) to %s", (_name, address, node) => {
    expect(nodeOf(address)).toBe(node);
  });
});

describe("changesPerNode and renderPlanSummary", () => {
  it("prints the header and zero totals for an empty plan", () => {
    const rows = changesPerNode([], () => undefined);
    expect(rows).toEqual([]);
    expect(renderPlanSummary(rows)).toBe(
      "NODE  ADD  CHANGE  DESTROY\nplan: 0 to add, 0 to change, 0 to destroy\n",
    );
  });

  it("puts the lab row first even when its first change comes after a node's", () => {
    const rows = changesPerNode(
      [
        { address: "aws_instance.vm", action: "delete" },
        { address: "zerotier_network.lab", action: "delete" },
      ],
      (address) => (address.startsWith("aws_") ? "aws" : undefined),
    );
    expect(rows.map((r) => r.node)).toEqual(["lab", "aws"]);
  });

  it("right-aligns counts of different widths under their headers", () => {
    const text = renderPlanSummary([
      { node: "lab", add: 120, change: 0, destroy: 3 },
      { node: "gcp-europe", add: 7, change: 1000, destroy: 0 },
    ]);
    expect(text).toBe(
      [
        "NODE        ADD  CHANGE  DESTROY",
        "lab         120       0        3",
        "gcp-europe    7    1000        0",
        "plan: 127 to add, 1000 to change, 3 to destroy",
        "",
      ].join("\n"),
    );
  });
});
