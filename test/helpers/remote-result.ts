import type { RemoteResult } from "../../src/checks/index.js";

/** A finished remote command as the transport reports it. */
export function ran(
  exitCode: number | undefined,
  stdout = "",
  stderr = "",
  extra: Partial<RemoteResult> = {},
): RemoteResult {
  return { exitCode, stdout, stderr, timedOut: false, durationMs: 40, ...extra };
}
