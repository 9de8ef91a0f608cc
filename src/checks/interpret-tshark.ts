import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, PASS, transportProblem, type Verdict } from "./verdict.js";

// tshark 4.0 one-line summary, as the walkthrough shows it:
//   37 67.550026693     10.0.2.1 → 10.0.3.1     ICMP 98 Echo (ping) request  id=0x0005, seq=1/256, ttl=64
const FRAME = /^\s*\d+\s+[\d.]+\s+(\S+)\s+(?:→|->)\s+(\S+)\s+(\S+)/;

export interface CapturedFrame {
  source: string;
  destination: string;
  protocol: string;
}

export function parseTsharkSummaries(text: string): CapturedFrame[] {
  return text
    .split("\n")
    .map((line) => FRAME.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      source: match[1] ?? "",
      destination: match[2] ?? "",
      protocol: match[3] ?? "",
    }));
}

/** Passes when the tap saw at least one frame between the probe's two ends. */
export function interpretMirroredFrames(
  result: RemoteResult,
  { between }: { between: readonly [string, string] },
): Verdict {
  const problem = transportProblem(result, "tshark");
  if (problem !== undefined) return fail(problem);
  // "tshark: The capture session could not be initiated on interface 'ztx' (No such device exists)."
  if (/capture session could not be initiated/.test(result.stderr)) {
    return fail(`tshark cannot capture: ${lastLine(result.stderr)}`);
  }
  const [a, b] = between;
  const seen = parseTsharkSummaries(result.stdout).filter(
    (frame) =>
      (frame.source === a && frame.destination === b) ||
      (frame.source === b && frame.destination === a),
  );
  if (seen.length > 0) return PASS;
  // tshark 4.0: "tshark: Couldn't run /usr/bin/dumpcap in child process: Permission denied"
  if (result.exitCode !== 0) {
    return fail(`tshark failed: ${lastLine(result.stderr) || `exit ${String(result.exitCode)}`}`);
  }
  return fail(`no mirrored frames between ${a} and ${b} reached the tap`);
}
