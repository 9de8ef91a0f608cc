import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, PASS, transportProblem, type Verdict } from "./verdict.js";

// iputils 20221126:   "1 packets transmitted, 1 received, 0% packet loss, time 0ms"
// busybox 1.36 (alpine): "1 packets transmitted, 1 packets received, 0% packet loss"
const RECEIVED = /(\d+) packets transmitted, (\d+) (?:packets )?received/;
// iputils: "PING gcp.demo.lab (10.0.3.1) 56(84) bytes of data."; busybox: "PING x (10.42.6.2): 56 data bytes"
const TARGET = /^PING (\S+) \(([^)]+)\)/m;

/** Reads ping's output; with `expectedAddress`, a name must also resolve to that address. */
export function interpretPing(
  result: RemoteResult,
  { expectedAddress }: { expectedAddress?: string } = {},
): Verdict {
  const problem = transportProblem(result, "ping");
  if (problem !== undefined) return fail(problem);
  const text = `${result.stdout}\n${result.stderr}`;
  const resolved = TARGET.exec(result.stdout)?.[2];
  if (expectedAddress !== undefined && resolved !== undefined && resolved !== expectedAddress) {
    return fail(`resolves to ${resolved}, expected ${expectedAddress}`);
  }
  // iputils and busybox exit 0 only when a reply came back; the summary may be translated.
  if (result.exitCode === 0) return PASS;
  const counts = RECEIVED.exec(text);
  if (/Name or service not known|Temporary failure in name resolution|bad address/.test(text)) {
    return fail("name does not resolve");
  }
  if (/Destination (Host|Net) Unreachable/.test(text)) return fail("destination unreachable");
  if (/Network is unreachable|Network unreachable/.test(text)) return fail("no route to it");
  if (counts !== null) return fail("no reply");
  return fail(`ping failed: ${lastLine(result.stderr || result.stdout) || "no output"}`);
}
