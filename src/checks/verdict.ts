import { SSH_FAILURE_EXIT, type RemoteResult } from "./ssh-transport.js";

/** What one interpreted command says: passed, or failed with a short reason. */
export interface Verdict {
  ok: boolean;
  reason?: string;
}

export const PASS: Verdict = { ok: true };

export function fail(reason: string): Verdict {
  return { ok: false, reason };
}

/** Exit status of coreutils `timeout` when it stopped the command. */
const REMOTE_TIMEOUT_EXIT = 124;
const NOT_FOUND_EXIT = 127;

/**
 * A reason when the command did not really run (ssh failed, timed out, program missing), so
 * interpreters only read output of commands that ran. `program` names what was missing.
 */
export function transportProblem(result: RemoteResult, program: string): string | undefined {
  if (result.timedOut) return `no answer within ${Math.round(result.durationMs / 1000)} s`;
  if (result.exitCode === REMOTE_TIMEOUT_EXIT) return "timed out on the node";
  if (result.exitCode === SSH_FAILURE_EXIT) {
    const line = lastLine(result.stderr) || "failed";
    return line.startsWith("ssh: ") ? line : `ssh: ${line}`;
  }
  if (result.exitCode === NOT_FOUND_EXIT) return `${program} is not installed on the node`;
  // sudo 1.9.13 with -n: "sudo: a password is required" (exit 1)
  if (/sudo: a password is required/.test(result.stderr)) return "sudo asks for a password";
  return undefined;
}

export function lastLine(text: string): string {
  return (
    text
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .at(-1)
      ?.trim() ?? ""
  );
}
