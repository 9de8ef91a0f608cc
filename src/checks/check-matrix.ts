import type { CheckId } from "./check-ids.js";
import type { Verdict } from "./verdict.js";

export type CellStatus = "pass" | "fail" | "skip";

export interface CheckCell {
  node: string;
  check: CheckId;
  status: CellStatus;
  /** Short reasons of failures (or of a skip), each prefixed by the peer it concerns. */
  reasons: string[];
}

export interface CheckReport {
  networkId: string;
  checks: CheckId[];
  nodes: string[];
  cells: CheckCell[];
  summary: { passed: number; failed: number; skipped: number };
  durationMs: number;
}

/** Collects verdicts per node and check; a cell with no verdict at all is a skip. */
export class CheckMatrix {
  private readonly verdicts = new Map<string, { label?: string; verdict: Verdict }[]>();
  private readonly skips = new Map<string, string>();

  constructor(
    readonly nodes: readonly string[],
    readonly checks: readonly CheckId[],
  ) {}

  record(node: string, check: CheckId, verdict: Verdict, label?: string): void {
    const key = `${node}\u0000${check}`;
    const list = this.verdicts.get(key) ?? [];
    list.push({ label, verdict });
    this.verdicts.set(key, list);
  }

  skip(node: string, check: CheckId, reason: string): void {
    this.skips.set(`${node}\u0000${check}`, reason);
  }

  report(networkId: string, durationMs: number): CheckReport {
    const cells = this.nodes.flatMap((node) => this.checks.map((check) => this.cell(node, check)));
    const count = (status: CellStatus) => cells.filter((cell) => cell.status === status).length;
    return {
      networkId,
      checks: [...this.checks],
      nodes: [...this.nodes],
      cells,
      summary: { passed: count("pass"), failed: count("fail"), skipped: count("skip") },
      durationMs,
    };
  }

  private cell(node: string, check: CheckId): CheckCell {
    const key = `${node}\u0000${check}`;
    const list = this.verdicts.get(key) ?? [];
    if (list.length === 0) {
      const reason = this.skips.get(key);
      return { node, check, status: "skip", reasons: reason === undefined ? [] : [reason] };
    }
    const failures = list.filter((entry) => !entry.verdict.ok);
    const reasons = failures.map(({ label, verdict }) =>
      label === undefined
        ? (verdict.reason ?? "failed")
        : `${label}: ${verdict.reason ?? "failed"}`,
    );
    return { node, check, status: failures.length === 0 ? "pass" : "fail", reasons };
  }
}
