import type { CellStatus, CheckReport } from "../../checks/index.js";
import { renderTable, type Column } from "../table.js";

const MARKS: Readonly<Record<CellStatus, string>> = { pass: "ok", fail: "FAIL", skip: "-" };

/** The node-by-check matrix, the reason of every failure, then a one-line summary. */
export function renderCheckReport(report: CheckReport): string {
  const columns: Column<string>[] = [
    { header: "NODE", value: (node) => node },
    ...report.checks.map((check) => ({
      header: check.toUpperCase(),
      value: (node: string) => MARKS[statusOf(report, node, check)],
    })),
  ];
  const matrix = renderTable(report.nodes, columns);
  // A node ssh cannot reach has every other check skipped; its ssh failure says it all.
  const unreachable = new Set(
    report.cells.filter((c) => c.check === "ssh" && c.status === "fail").map((c) => c.node),
  );
  const failures = report.cells
    .filter(
      (cell) =>
        cell.status === "fail" ||
        (cell.status === "skip" && cell.reasons.length > 0 && !unreachable.has(cell.node)),
    )
    .flatMap((cell) =>
      cell.reasons.map((reason) => ({
        node: cell.node,
        check: cell.status === "skip" ? `${cell.check} (skipped)` : cell.check,
        reason,
      })),
    );
  const details =
    failures.length === 0
      ? ""
      : "\n" +
        renderTable(failures, [
          { header: "NODE", value: (f) => f.node },
          { header: "CHECK", value: (f) => f.check },
          { header: "REASON", value: (f) => f.reason },
        ]);
  const skippedThere = report.cells.filter(
    (cell) => cell.status === "skip" && unreachable.has(cell.node),
  ).length;
  const reachNote =
    unreachable.size === 0
      ? ""
      : `\n${[...unreachable].join(", ")} unreachable over ssh: ` +
        `${skippedThere} of their checks skipped\n`;
  return `${matrix}${details}${reachNote}\n${summaryLine(report)}\n`;
}

export function summaryLine(report: CheckReport): string {
  const { passed, failed, skipped } = report.summary;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const verdict = failed === 0 ? "lab OK" : "lab has problems";
  return `${verdict}: ${passed} passed, ${failed} failed, ${skipped} skipped on ${report.nodes.length} nodes in ${seconds} s`;
}

function statusOf(report: CheckReport, node: string, check: string): CellStatus {
  return report.cells.find((cell) => cell.node === node && cell.check === check)?.status ?? "skip";
}
