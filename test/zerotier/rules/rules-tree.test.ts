import { describe, expect, it } from "vitest";
import { readRulesTree, type RulesItem } from "../../../src/zerotier/rules/rules-tree.js";

// The tree as nested arrays of words, to compare shapes at a glance.
function shape(items: readonly RulesItem[]): unknown[] {
  return items.map((item) => (item.kind === "token" ? item.text : shape(item.items)));
}

describe("readRulesTree", () => {
  it.each([
    ["drop vlan 1;\naccept;", ["drop", ["vlan", "1"], "accept"]],
    ["break;\naccept;", ["break", ["accept"]]],
    ["drop;\n;\naccept;", ["drop", ["accept"]]],
    ["accept ;", ["accept"]],
    ["drop vlan 1 ;", ["drop", ["vlan", "1"]]],
    ["drop vlan x;;\naccept;", ["drop", ["vlan", "x;"], "accept"]],
    ["drop vlan 1; ;", ["drop", ["vlan", "1"]]],
    ["DROP vlan 1;", ["DROP", "vlan", "1"]],
    [
      "cap c id 1 accept; drop vlan 2; ;",
      ["cap", ["c", "id", "1", "accept"], "drop", ["vlan", "2"]],
    ],
    ["tag t id 1 enum 2 x;", ["tag", ["t", "id", "1", "enum", "2", "x"]]],
    ["accept;# x", ["accept;#", "x"]],
  ])("reads %j as %j", (source, expected) => {
    expect(shape(readRulesTree(source).items)).toEqual(expected);
  });

  it("drops a block still open at the end of input and notes it", () => {
    const tree = readRulesTree("drop not vlan 1");
    expect(shape(tree.items)).toEqual(["drop"]);
    expect(tree.notes).toMatchObject([{ kind: "dropped-at-end", opener: { text: "drop" } }]);
  });

  it("notes words that a bare action moved out of a capability", () => {
    const tree = readRulesTree("cap c id 1\n accept;\n drop vlan 2;\n;\n");
    expect(tree.notes).toMatchObject([
      { kind: "moved-to-base", closer: { text: "accept", line: 2 }, end: { line: 4 } },
    ]);
    expect(readRulesTree("cap c id 1\n accept;\n;\n").notes).toEqual([]);
  });

  it("gives 1-based lines and columns, counting a tab as one column", () => {
    const [, block] = readRulesTree("drop\n\tvlan  7;").items;
    expect(block?.kind === "block" && block.items).toMatchObject([
      { text: "vlan", line: 2, column: 2, referenceLine: 2 },
      { text: "7", line: 2, column: 8, length: 2 },
    ]);
  });

  it("counts CRLF as one line, and a CR in a comment as an extra reference line", () => {
    const items = readRulesTree("# c\r\nx\r\n# d\ry").items;
    expect(items).toMatchObject([
      { text: "x", line: 2, column: 1, referenceLine: 3 },
      { text: "y", line: 4, column: 1, referenceLine: 5 },
    ]);
  });
});
