import type { ProgressTally, ResourceProgress } from "../../terraform/index.js";
import { countProgress } from "../../terraform/index.js";
import { renderTable } from "../table.js";
import { formatElapsed } from "./progress-format.js";

const STATE_WORDS: Readonly<Record<ResourceProgress["state"], string>> = {
  planned: "not started",
  running: "cut short",
  done: "done",
  failed: "FAILED",
};

/** The end of an apply or destroy: totals, overall time, then one row per resource. */
export function renderProgressSummary({
  tally,
  operation,
  durationMs,
}: {
  tally: ProgressTally;
  operation: string;
  durationMs: number;
}): string {
  const counts = countProgress(tally);
  const head =
    `${operation}: ${counts.done} done, ${counts.failed} failed` +
    (counts.planned > 0 ? `, ${counts.planned} not started` : "") +
    (counts.running > 0 ? `, ${counts.running} cut short` : "") +
    ` of ${counts.total} in ${formatElapsed(durationMs)}\n`;
  if (counts.total === 0) return head;
  const rows = [...tally.resources.values()];
  return (
    head +
    renderTable(rows, [
      { header: "STATE", value: (r) => STATE_WORDS[r.state] },
      { header: "ACTION", value: (r) => r.action },
      { header: "RESOURCE", value: (r) => r.address },
      {
        header: "ELAPSED",
        value: (r) => (r.elapsedMs === undefined ? "-" : formatElapsed(r.elapsedMs)),
        align: "right",
      },
    ])
  );
}
