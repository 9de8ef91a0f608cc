import { describe, expect, it } from "vitest";
import { interpretMirroredFrames, parseTsharkSummaries } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

const between = ["10.0.2.1", "10.0.3.1"] as const;

describe("parseTsharkSummaries", () => {
  it.each([
    [
      "an ASCII arrow",
      "    1 0.000000000     10.0.2.1 -> 10.0.3.1     ICMP 98 Echo (ping) request",
    ],
    [
      "tabs between columns",
      "1\t0.000000000\t10.0.2.1\t→\t10.0.3.1\tICMP\t98\tEcho (ping) request",
    ],
  ])("reads a summary line with %s", (_name, line) => {
    expect(parseTsharkSummaries(`${line}\n`)).toEqual([
      { source: "10.0.2.1", destination: "10.0.3.1", protocol: "ICMP" },
    ]);
  });

  it("reads IPv6 ends", () => {
    expect(
      parseTsharkSummaries("  2 0.104 fc5d::1 → fc5d::2 ICMPv6 118 Echo (ping) request\n"),
    ).toEqual([{ source: "fc5d::1", destination: "fc5d::2", protocol: "ICMPv6" }]);
  });

  it.each([
    ["empty output", ""],
    ["a line cut off in the destination", "  1 0.000000000     10.0.2.1 → 10.0"],
    ["tshark's own status lines", "Capturing on 'ztyqb6mebi'\n0 packets captured\n"],
  ])("finds no frame in %s", (_name, text) => {
    expect(parseTsharkSummaries(text)).toEqual([]);
  });
});

describe("interpretMirroredFrames on odd output", () => {
  it("passes frames seen in the reverse direction only", () => {
    const reply = "  1 0.000000000     10.0.3.1 → 10.0.2.1     ICMP 98 Echo (ping) reply\n";
    expect(interpretMirroredFrames(ran(0, reply), { between })).toEqual({ ok: true });
  });

  it("fails frames between one end and a third address", () => {
    const other = "  1 0.000000000     10.0.2.1 → 10.0.4.1     ICMP 98 Echo (ping) request\n";
    expect(interpretMirroredFrames(ran(0, other), { between }).ok).toBe(false);
  });

  it("names tshark's error when it exits non-zero without capturing", () => {
    const stderr = "tshark: Couldn't run /usr/bin/dumpcap in child process: Permission denied\n";
    expect(interpretMirroredFrames(ran(1, "", stderr), { between })).toEqual({
      ok: false,
      reason:
        "tshark failed: tshark: Couldn't run /usr/bin/dumpcap in child process: Permission denied",
    });
  });

  it("gives the exit code when tshark fails silently", () => {
    expect(interpretMirroredFrames(ran(2), { between }).reason).toBe("tshark failed: exit 2");
  });

  it("says no frames arrived when a clean capture saw nothing", () => {
    const result = ran(0, "", "Capturing on 'ztyqb6mebi'\n0 packets captured\n");
    expect(interpretMirroredFrames(result, { between }).reason).toBe(
      "no mirrored frames between 10.0.2.1 and 10.0.3.1 reached the tap",
    );
  });
});
