import type { PlannedChange } from "../../terraform/index.js";
import { renderTable } from "../table.js";

export interface NodeChangeRow {
  /** A node name, or `lab` for the network, token, devices and anything shared. */
  node: string;
  add: number;
  change: number;
  destroy: number;
}

/** Groups planned changes per node; a replacement counts as one add and one destroy. */
export function changesPerNode(
  changes: readonly PlannedChange[],
  nodeOf: (address: string) => string | undefined,
): NodeChangeRow[] {
  const rows = new Map<string, NodeChangeRow>();
  for (const change of changes) {
    const node = nodeOf(change.address) ?? "lab";
    const row = rows.get(node) ?? { node, add: 0, change: 0, destroy: 0 };
    if (change.action === "create" || change.action === "replace") row.add += 1;
    if (change.action === "delete" || change.action === "replace") row.destroy += 1;
    if (change.action === "update") row.change += 1;
    rows.set(node, row);
  }
  const list = [...rows.values()];
  return [...list.filter((r) => r.node === "lab"), ...list.filter((r) => r.node !== "lab")];
}

/** The per-node plan table `up` and `down` show before asking. */
export function renderPlanSummary(rows: readonly NodeChangeRow[]): string {
  const total = rows.reduce(
    (sum, r) => ({
      add: sum.add + r.add,
      change: sum.change + r.change,
      destroy: sum.destroy + r.destroy,
    }),
    { add: 0, change: 0, destroy: 0 },
  );
  const table = renderTable(rows, [
    { header: "NODE", value: (r) => r.node },
    { header: "ADD", value: (r) => String(r.add), align: "right" },
    { header: "CHANGE", value: (r) => String(r.change), align: "right" },
    { header: "DESTROY", value: (r) => String(r.destroy), align: "right" },
  ]);
  const counts = `${total.add} to add, ${total.change} to change, ${total.destroy} to destroy`;
  return `${table}plan: ${counts}\n`;
}

/** Maps resource addresses to nodes from each node's `-target` addresses; keys are ignored. */
export function nodeLookup(
  nodes: readonly { name: string; targets: readonly string[] }[],
): (address: string) => string | undefined {
  const owner = new Map<string, string>();
  for (const node of nodes) for (const target of node.targets) owner.set(target, node.name);
  return (address) => owner.get(address) ?? owner.get(address.replace(/\[[^\]]*\]$/, ""));
}
