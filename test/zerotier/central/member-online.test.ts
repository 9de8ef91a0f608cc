import { describe, expect, it } from "vitest";
import { memberOnlineState, ONLINE_THRESHOLD_MS } from "../../../src/zerotier/index.js";

const NOW = 1_700_000_000_000;

describe("memberOnlineState", () => {
  it.each([
    ["seen just now", NOW - 1_000, "online"],
    ["seen just inside the threshold", NOW - ONLINE_THRESHOLD_MS + 1, "online"],
    ["seen exactly at the threshold", NOW - ONLINE_THRESHOLD_MS, "offline"],
    ["seen an hour ago", NOW - 3_600_000, "offline"],
    ["reset to zero", 0, "never"],
    ["missing", null, "never"],
  ] as const)("reads a member %s as %s", (_, lastSeen, state) => {
    expect(memberOnlineState({ lastSeen }, { now: NOW })).toBe(state);
  });

  it("falls back to the deprecated lastOnline", () => {
    expect(memberOnlineState({ lastOnline: NOW - 10 }, { now: NOW })).toBe("online");
  });

  it("takes a custom threshold", () => {
    expect(memberOnlineState({ lastSeen: NOW - 10_000 }, { now: NOW, thresholdMs: 5_000 })).toBe(
      "offline",
    );
  });
});
