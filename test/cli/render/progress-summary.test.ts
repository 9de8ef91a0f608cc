import { describe, expect, it } from "vitest";
import { renderProgressSummary } from "../../../src/cli/render/progress-summary.js";
import {
  createProgressTally,
  recordEvent,
  type ProgressTally,
} from "../../../src/terraform/index.js";

type Step = ["plan" | "start" | "done" | "fail", string, number];

// Builds a tally of creates from a list of steps; times are engine milliseconds.
function tallyOf(steps: readonly Step[]): ProgressTally {
  const tally = createProgressTally();
  for (const [kind, address, at] of steps) {
    const action = "create" as const;
    if (kind === "plan") recordEvent(tally, { type: "planned-change", at, address, action });
    if (kind === "start") recordEvent(tally, { type: "apply-start", at, address, action });
    if (kind === "done")
      recordEvent(tally, { type: "apply-complete", at, address, action, elapsed: 0 });
    if (kind === "fail")
      recordEvent(tally, { type: "apply-errored", at, address, action, elapsed: 0 });
  }
  return tally;
}

describe("renderProgressSummary", () => {
  it("prints only the totals line when the operation touched no resources", () => {
    const text = renderProgressSummary({
      tally: createProgressTally(),
      operation: "apply",
      durationMs: 300,
    });
    expect(text).toBe("apply: 0 done, 0 failed of 0 in 300ms\n");
  });

  it("marks every row FAILED when all resources failed", () => {
    const tally = tallyOf([
      ["start", "terraform_data.a", 1000],
      ["start", "terraform_data.b", 1000],
      ["fail", "terraform_data.a", 2500],
      ["fail", "terraform_data.b", 4000],
    ]);
    const text = renderProgressSummary({ tally, operation: "destroy", durationMs: 4200 });
    expect(text).toBe(
      [
        "destroy: 0 done, 2 failed of 2 in 4.2s",
        "STATE   ACTION  RESOURCE          ELAPSED",
        "FAILED  create  terraform_data.a     1.5s",
        "FAILED  create  terraform_data.b     3.0s",
        "",
      ].join("\n"),
    );
  });

  it("keeps a very long address whole and aligns the elapsed column after it", () => {
    const long = `zerotier_member.instances["${"n".repeat(120)}"]`;
    const tally = tallyOf([
      ["start", long, 0],
      ["done", long, 800],
      ["start", "a.b", 0],
      ["done", "a.b", 12_000],
    ]);
    const lines = renderProgressSummary({ tally, operation: "apply", durationMs: 12_000 }).split(
      "\n",
    );
    expect(lines[2]).toBe(`done   create  ${long}    800ms`);
    expect(lines[3]).toBe(`done   create  a.b${" ".repeat(long.length - 3)}    12.0s`);
  });

  it("shows hours for an operation and a resource that ran over an hour", () => {
    const hour = 3_600_000;
    const tally = tallyOf([
      ["start", "aws_instance.vm", 0],
      ["done", "aws_instance.vm", hour + 125_000],
    ]);
    const text = renderProgressSummary({
      tally,
      operation: "apply",
      durationMs: 2 * hour + 61_000,
    });
    expect(text.split("\n")[0]).toBe("apply: 1 done, 0 failed of 1 in 2h01m");
    expect(text).toMatch(/aws_instance\.vm {4}1h02m\n$/);
  });

  it("names resources left running as cut short and unstarted ones with a dash for time", () => {
    const tally = tallyOf([
      ["plan", "terraform_data.later", 1],
      ["start", "terraform_data.slow", 1000],
    ]);
    const text = renderProgressSummary({ tally, operation: "apply", durationMs: 1500 });
    expect(text).toBe(
      [
        "apply: 0 done, 0 failed, 1 not started, 1 cut short of 2 in 1.5s",
        "STATE        ACTION  RESOURCE              ELAPSED",
        "not started  create  terraform_data.later        -",
        "cut short    create  terraform_data.slow         -",
        "",
      ].join("\n"),
    );
  });
});
