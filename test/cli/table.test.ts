import { describe, expect, it } from "vitest";
import { renderTable, type Column } from "../../src/cli/table.js";

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { header: "NAME", value: (r) => r.name },
  { header: "COUNT", value: (r) => String(r.count), align: "right" },
  { header: "NOTE", value: (r) => (r.count > 9 ? "many" : "") },
];

describe("renderTable", () => {
  it("pads left columns after the text and right columns before it, two spaces apart", () => {
    const text = renderTable(
      [
        { name: "do", count: 3 },
        { name: "aws-east", count: 120 },
      ],
      columns,
    );
    expect(text).toBe(
      ["NAME      COUNT  NOTE", "do            3", "aws-east    120  many", ""].join("\n"),
    );
  });

  it("prints only the header row when there are no rows", () => {
    expect(renderTable([], columns)).toBe("NAME  COUNT  NOTE\n");
  });

  it("widens a column to its widest cell and keeps the following columns aligned", () => {
    const wide = 'zerotier_member.instances["a-very-long-node-name"]';
    const text = renderTable(
      [
        { name: wide, count: 1 },
        { name: "x", count: 22 },
      ],
      columns,
    );
    const pad = " ".repeat(wide.length - 1);
    expect(text.split("\n")).toEqual([
      `NAME${" ".repeat(wide.length - 4)}  COUNT  NOTE`,
      `${wide}      1`,
      `x${pad}     22  many`,
      "",
    ]);
  });

  it("leaves no trailing spaces when the last cells are empty", () => {
    const text = renderTable([{ name: "do", count: 1 }], columns);
    for (const line of text.split("\n")) expect(line).toBe(line.trimEnd());
  });

  it("keeps a right-aligned column as wide as its header when every cell is shorter", () => {
    const text = renderTable([{ name: "a", count: 7 }], columns.slice(0, 2));
    expect(text).toBe("NAME  COUNT\na         7\n");
  });

  it("shows an empty cell in the middle as padding so later columns stay in place", () => {
    const text = renderTable([{ name: "", count: 10 }], [columns[0]!, columns[2]!, columns[1]!]);
    expect(text).toBe("NAME  NOTE  COUNT\n      many     10\n");
  });
});
