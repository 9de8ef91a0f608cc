import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  changesPerNode,
  nodeLookup,
  renderPlanSummary,
} from "../../../src/cli/render/progress-plan.js";
import { formatElapsed } from "../../../src/cli/render/progress-format.js";
import { renderProgressSummary } from "../../../src/cli/render/progress-summary.js";
import { createProgressView } from "../../../src/cli/render/progress-view.js";
import { parseEngineLine } from "../../../src/terraform/index.js";
import { recordedLines } from "../../helpers/engine-workdir.js";

class Captured extends Writable {
  text = "";
  columns = 200;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function replay(file: string, live: boolean) {
  const stream = new Captured();
  let clock = 0;
  const view = createProgressView({ stream, live, level: "info", now: () => (clock += 500) });
  view.begin("applying");
  for (const line of await recordedLines(`terraform-1.11.4-${file}.ndjson`)) {
    const event = parseEngineLine(line);
    if (event !== undefined) view.onEvent(event);
  }
  return { tally: view.end(), text: stream.text };
}

describe("createProgressView", () => {
  it("writes one plain line per change when not on a terminal", async () => {
    const { text } = await replay("apply-progress", false);
    expect(text.split("\n").filter(Boolean)).toEqual([
      "  create  terraform_data.first ...",
      "  create  terraform_data.instant ...",
      "  done  terraform_data.instant (0s)",
      "  done  terraform_data.first (1s)",
      "  create  terraform_data.second ...",
      "  done  terraform_data.second (2s)",
    ]);
    expect(text).not.toContain("\r");
  });

  it("keeps one rewritten status line with counters on a terminal, and clears it at the end", async () => {
    const { text } = await replay("apply-progress", true);
    const frames = text.split("\r\x1b[2K").filter(Boolean);
    expect(frames.at(-1)).toMatch(/^applying {2}3\/3 {2}done 3 {2}running 0 {2}failed 0 {2}/);
    expect(frames.some((f) => /running 1 .*terraform_data\.(first|instant) /.test(f))).toBe(true);
    expect(text.endsWith("\r\x1b[2K")).toBe(true);
    expect(text).not.toContain("\n");
  });

  it("prints a failure as its own line on a terminal too", async () => {
    const { text } = await replay("apply-failing", true);
    expect(text).toContain("  FAILED  terraform_data.breaks after 0s\n");
  });
});

describe("renderProgressSummary", () => {
  it("gives totals, overall time and the failed resource by name", async () => {
    const { tally } = await replay("apply-failing", false);
    const text = renderProgressSummary({ tally, operation: "apply", durationMs: 1250 });
    expect(text.split("\n")[0]).toBe("apply: 1 done, 1 failed of 2 in 1.3s");
    expect(text).toMatch(/FAILED +create +terraform_data\.breaks +\d+ms/);
  });

  it("counts resources an interrupt left unstarted", async () => {
    const { tally } = await replay("apply-interrupted", false);
    const text = renderProgressSummary({ tally, operation: "apply", durationMs: 2000 });
    expect(text.split("\n")[0]).toBe("apply: 0 done, 1 failed, 1 not started of 2 in 2.0s");
  });
});

describe("changesPerNode", () => {
  it("groups changes by node from their target addresses, replacements as add and destroy", () => {
    const nodeOf = nodeLookup([
      { name: "aws", targets: ['zerotier_identity.instances["aws"]', "aws_instance.aws_vm"] },
    ]);
    const rows = changesPerNode(
      [
        { address: "zerotier_network.demolab", action: "create" },
        { address: 'zerotier_identity.instances["aws"]', action: "create" },
        { address: "aws_instance.aws_vm[0]", action: "replace" },
        { address: "aws_security_group.x", action: "update" },
      ],
      nodeOf,
    );
    expect(rows).toEqual([
      { node: "lab", add: 1, change: 1, destroy: 0 },
      { node: "aws", add: 2, change: 0, destroy: 1 },
    ]);
    expect(renderPlanSummary(rows)).toContain("plan: 3 to add, 1 to change, 1 to destroy");
  });
});

describe("formatElapsed", () => {
  it.each([
    [850, "850ms"],
    [4240, "4.2s"],
    [65_000, "1m05s"],
    [3_725_000, "1h02m"],
  ])("shows %i ms as %s", (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe("createProgressView edge cases", () => {
  const warning = {
    type: "diagnostic" as const,
    at: 1,
    diagnostic: {
      severity: "warning" as const,
      summary: "Argument is deprecated",
      detail: "",
      address: undefined,
      location: undefined,
    },
  };

  function viewOn(live: boolean, level: "quiet" | "info" | "debug", columns = 60) {
    const stream = new Captured();
    stream.columns = columns;
    const view = createProgressView({ stream, live, level, now: () => 0 });
    return { stream, view };
  }

  it("shows 0/0 on the live line of an operation with no resources and clears it", () => {
    const { stream, view } = viewOn(true, "info");
    view.begin("destroying");
    const tally = view.end();
    expect(tally.resources.size).toBe(0);
    expect(stream.text).toBe("\r\x1b[2Kdestroying  0/0  done 0  running 0  failed 0  0ms\r\x1b[2K");
  });

  it("cuts the live line to the terminal width when an address is very long", () => {
    const { stream, view } = viewOn(true, "info", 60);
    view.begin("applying");
    const address = `terraform_data.${"x".repeat(200)}`;
    view.onEvent({ type: "apply-start", at: 1, address, action: "create" });
    const frames = stream.text.split("\r\x1b[2K").filter(Boolean);
    expect(frames.at(-1)).toHaveLength(59);
    expect(frames.every((frame) => frame.length <= 59)).toBe(true);
    view.end();
  });

  it("prints no step lines under quiet", () => {
    const { stream, view } = viewOn(false, "quiet");
    view.begin("applying");
    view.onEvent({ type: "apply-start", at: 1, address: "a.b", action: "create" });
    view.onEvent({ type: "apply-complete", at: 2, address: "a.b", action: "create", elapsed: 0 });
    view.end();
    expect(stream.text).toBe("");
  });

  it("prints a warning diagnostic but keeps an error one for the final error", () => {
    const { stream, view } = viewOn(false, "info");
    view.onEvent(warning);
    view.onEvent({ ...warning, diagnostic: { ...warning.diagnostic, severity: "error" } });
    expect(stream.text).toBe("warning: Argument is deprecated\n");
  });

  it("prints error diagnostics and raw engine lines under debug", () => {
    const { stream, view } = viewOn(false, "debug");
    view.onEvent({ ...warning, diagnostic: { ...warning.diagnostic, severity: "error" } });
    view.onEvent({ type: "stderr", line: "panic: oops" });
    expect(stream.text).toBe("error: Argument is deprecated\n  | panic: oops\n");
  });
});
