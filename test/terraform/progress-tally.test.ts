import { describe, expect, it } from "vitest";
import { parseEngineLine } from "../../src/terraform/engine-events.js";
import {
  countProgress,
  createProgressTally,
  failedResources,
  recordEvent,
  type ProgressTally,
} from "../../src/terraform/progress-tally.js";
import { recordedLines } from "../helpers/engine-workdir.js";

async function tallyOf(file: string, stopAfter?: number): Promise<ProgressTally> {
  const tally = createProgressTally();
  const lines = await recordedLines(`terraform-1.11.4-${file}.ndjson`);
  for (const line of lines.slice(0, stopAfter)) {
    const event = parseEngineLine(line);
    if (event !== undefined) recordEvent(tally, event);
  }
  return tally;
}

describe("recordEvent", () => {
  it("counts every resource done after a whole apply, with elapsed times from the engine", async () => {
    const tally = await tallyOf("apply-progress");
    expect(countProgress(tally)).toEqual({ planned: 0, running: 0, done: 3, failed: 0, total: 3 });
    const elapsed = (address: string) => tally.resources.get(address)?.elapsedMs ?? -1;
    // The fixture's provisioners sleep 1 s and 2 s; terraform_data itself takes no time.
    expect(elapsed("terraform_data.first")).toBeGreaterThanOrEqual(1000);
    expect(elapsed("terraform_data.first")).toBeLessThan(1500);
    expect(elapsed("terraform_data.second")).toBeGreaterThanOrEqual(2000);
    expect(elapsed("terraform_data.second")).toBeLessThan(2500);
    expect(elapsed("terraform_data.instant")).toBeLessThan(200);
    expect((tally.lastAt ?? 0) - (tally.firstAt ?? 0)).toBeGreaterThanOrEqual(3000);
  });

  it("shows planned and running resources part way through an apply", async () => {
    const lines = await recordedLines("terraform-1.11.4-apply-progress.ndjson");
    const firstStart = lines.findIndex((line) => line.includes('"type":"apply_start"'));
    const tally = await tallyOf("apply-progress", firstStart + 1);
    expect(countProgress(tally)).toMatchObject({ planned: 2, running: 1, done: 0, total: 3 });
  });

  it("marks the resource whose provisioner exits 3 as failed and the other as done", async () => {
    const tally = await tallyOf("apply-failing");
    expect(failedResources(tally).map((resource) => resource.address)).toEqual([
      "terraform_data.breaks",
    ]);
    expect(countProgress(tally)).toMatchObject({ done: 1, failed: 1, total: 2 });
  });

  it("counts an interrupted resource as failed and its dependent as still planned", async () => {
    const tally = await tallyOf("apply-interrupted");
    expect(countProgress(tally)).toMatchObject({ planned: 1, failed: 1, done: 0 });
  });

  it("ignores noop changes and runner events", () => {
    const tally = createProgressTally();
    recordEvent(tally, { type: "planned-change", at: 1, address: "a.b", action: "noop" });
    recordEvent(tally, { type: "interrupt-sent" });
    expect(countProgress(tally).total).toBe(0);
  });

  it("times a replacement from its delete start to its create end", () => {
    const tally = createProgressTally();
    const address = "terraform_data.x";
    recordEvent(tally, { type: "planned-change", at: 1000, address, action: "replace" });
    recordEvent(tally, { type: "apply-start", at: 2000, address, action: "delete" });
    recordEvent(tally, { type: "apply-complete", at: 2500, address, action: "delete", elapsed: 0 });
    recordEvent(tally, { type: "apply-start", at: 2600, address, action: "create" });
    recordEvent(tally, { type: "apply-complete", at: 4000, address, action: "create", elapsed: 1 });
    expect(tally.resources.get(address)).toMatchObject({
      action: "replace",
      state: "done",
      elapsedMs: 2000,
    });
  });
});

describe("recordEvent edge cases", () => {
  it("takes the engine's whole seconds when a resource ends without a start", () => {
    const tally = createProgressTally();
    const address = "aws_instance.vm";
    recordEvent(tally, { type: "apply-errored", at: 9000, address, action: "create", elapsed: 4 });
    expect(tally.resources.get(address)).toMatchObject({ state: "failed", elapsedMs: 4000 });
  });

  it("leaves the first and last times alone for events without a timestamp", () => {
    const tally = createProgressTally();
    recordEvent(tally, { type: "apply-start", at: 0, address: "a.b", action: "create" });
    expect(tally.firstAt).toBeUndefined();
    recordEvent(tally, { type: "apply-start", at: 5000, address: "c.d", action: "create" });
    recordEvent(tally, { type: "apply-start", at: 0, address: "e.f", action: "create" });
    expect([tally.firstAt, tally.lastAt]).toEqual([5000, 5000]);
    expect(countProgress(tally).running).toBe(3);
  });

  it("lists failures in the order the resources were planned, not the order they failed", () => {
    const tally = createProgressTally();
    for (const address of ["a.one", "a.two", "a.three"])
      recordEvent(tally, { type: "planned-change", at: 1, address, action: "create" });
    for (const address of ["a.three", "a.one", "a.two"])
      recordEvent(tally, { type: "apply-errored", at: 2, address, action: "create", elapsed: 0 });
    expect(failedResources(tally).map((r) => r.address)).toEqual(["a.one", "a.two", "a.three"]);
    expect(countProgress(tally)).toEqual({ planned: 0, running: 0, done: 0, failed: 3, total: 3 });
  });
});
