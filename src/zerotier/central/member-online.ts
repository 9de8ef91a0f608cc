import type { CentralMember } from "./central-types.js";

/**
 * A member counts as online when it checked in with Central within this window. Central dropped
 * its `online` flag in April 2023; the old flag meant "seen in about the last three minutes",
 * and members check in roughly every minute, so three minutes tolerates two missed check-ins.
 */
export const ONLINE_THRESHOLD_MS = 3 * 60 * 1000;

export type OnlineState = "online" | "offline" | "never";

/** Online state from `lastSeen`; zero or missing (Central may reset it) reads as never seen. */
export function memberOnlineState(
  member: Pick<CentralMember, "lastSeen" | "lastOnline">,
  { now, thresholdMs = ONLINE_THRESHOLD_MS }: { now: number; thresholdMs?: number },
): OnlineState {
  const lastSeen = member.lastSeen ?? member.lastOnline ?? 0;
  if (lastSeen <= 0) return "never";
  return now - lastSeen < thresholdMs ? "online" : "offline";
}
