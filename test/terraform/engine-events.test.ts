import { describe, expect, it } from "vitest";
import { parseEngineLine, type EngineEvent } from "../../src/terraform/engine-events.js";
import { recordedLines } from "../helpers/engine-workdir.js";

// Recorded from Terraform 1.11.4 (linux_amd64) on the fixture configs; ids are placeholders.
async function recorded(file: string): Promise<EngineEvent[]> {
  const lines = await recordedLines(`terraform-1.11.4-${file}.ndjson`);
  return lines.map(parseEngineLine).filter((event): event is EngineEvent => event !== undefined);
}

describe("parseEngineLine", () => {
  it("reads the version, planned changes, apply hooks and summary of an apply", async () => {
    const events = await recorded("apply-progress");
    expect(events[0]).toMatchObject({ type: "version", version: "1.11.4" });
    const planned = events.filter((e) => e.type === "planned-change");
    expect(planned.map((e) => e.type === "planned-change" && e.address).sort()).toEqual([
      "terraform_data.first",
      "terraform_data.instant",
      "terraform_data.second",
    ]);
    const completes = events.filter((e) => e.type === "apply-complete");
    expect(completes).toHaveLength(3);
    expect(completes.find((e) => e.address === "terraform_data.second")).toMatchObject({
      action: "create",
      elapsed: 2,
    });
    expect(events.at(-1)).toMatchObject({
      type: "change-summary",
      operation: "apply",
      changes: { add: 3, change: 0, remove: 0, import: 0 },
    });
  });

  it("keeps the engine's own timestamps to the millisecond", async () => {
    const lines = await recordedLines("terraform-1.11.4-apply-progress.ndjson");
    const raw = lines.find((line) => line.includes('"type":"apply_start"')) ?? "";
    const stamp = (JSON.parse(raw) as { "@timestamp": string })["@timestamp"];
    expect(stamp).toMatch(/\.\d{6}Z$/);
    expect(parseEngineLine(raw)).toMatchObject({ type: "apply-start", at: Date.parse(stamp) });
  });

  it("reads an errored resource and its diagnostic with address and location", async () => {
    const events = await recorded("apply-failing");
    expect(events.find((e) => e.type === "apply-errored")).toMatchObject({
      address: "terraform_data.breaks",
      action: "create",
    });
    const diagnostic = events.find((e) => e.type === "diagnostic");
    expect(diagnostic).toMatchObject({
      diagnostic: {
        severity: "error",
        summary: "local-exec provisioner error",
        address: "terraform_data.breaks",
        location: "main.tf.json:7:88",
      },
    });
    expect(diagnostic?.type === "diagnostic" && diagnostic.diagnostic.detail).toContain(
      "exit status 3",
    );
  });

  it("reads a replacement with its reason from a plan after an interrupt", async () => {
    const events = await recorded("plan-tainted");
    expect(events.find((e) => e.type === "planned-change")).toMatchObject({
      address: "terraform_data.slow",
      action: "replace",
      reason: "tainted",
    });
  });

  it("reads destroy hooks as delete actions", async () => {
    const events = await recorded("destroy");
    const starts = events.filter((e) => e.type === "apply-start");
    expect(starts.every((e) => e.type === "apply-start" && e.action === "delete")).toBe(true);
    expect(events.at(-1)).toMatchObject({ operation: "destroy", changes: { remove: 3 } });
  });

  it.each([
    ["plain text", "Error: something printed by a wrapper", { type: "text" }],
    ["JSON without a type", '{"hello":1}', { type: "text" }],
    ["an unknown JSON type", '{"type":"future_thing","@message":"x"}', undefined],
    ["an empty line", "   ", undefined],
  ])("treats %s as %j", (_name, line, expected) => {
    const event = parseEngineLine(line);
    if (expected === undefined) expect(event).toBeUndefined();
    else expect(event).toMatchObject(expected);
  });
});

describe("parseEngineLine diagnostics", () => {
  it("reads a diagnostic without address, range or detail as undefined and empty", () => {
    const line = JSON.stringify({
      "@level": "warning",
      "@message": "Warning: Deprecated",
      "@timestamp": "2026-01-02T03:04:05.123456Z",
      type: "diagnostic",
      diagnostic: { severity: "warning", summary: "Deprecated" },
    });
    expect(parseEngineLine(line)).toEqual({
      type: "diagnostic",
      at: Date.parse("2026-01-02T03:04:05.123Z"),
      diagnostic: {
        severity: "warning",
        summary: "Deprecated",
        detail: "",
        address: undefined,
        location: undefined,
      },
    });
  });

  it.each([
    ["an unknown severity", { severity: "fatal", summary: "x" }],
    ["no summary", { severity: "error" }],
  ])("keeps a diagnostic line with %s as text instead of guessing", (_name, diagnostic) => {
    const line = JSON.stringify({ type: "diagnostic", diagnostic });
    expect(parseEngineLine(line)).toEqual({ type: "text", line });
  });
});
