import { describe, expect, it } from "vitest";
import { formatClock, formatElapsed } from "../../../src/cli/render/progress-format.js";

describe("formatElapsed", () => {
  it.each([
    [0, "0ms"],
    [-40, "0ms"],
    [0.4, "0ms"],
    [999, "999ms"],
    [999.6, "1.0s"],
    [1000, "1.0s"],
    [59_940, "59.9s"],
    [59_960, "1m00s"],
    [60_000, "1m00s"],
    [3_599_999, "59m59s"],
    [3_600_000, "1h00m"],
    [5_430_000, "1h30m"],
    [90_000_000, "25h00m"],
  ])("shows %d ms as %s", (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe("formatClock", () => {
  it("pads hours, minutes, seconds and milliseconds of the local time", () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 7).getTime();
    expect(formatClock(at)).toBe("03:04:05.007");
  });
});
