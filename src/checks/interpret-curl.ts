import type { RemoteResult } from "./ssh-transport.js";
import { fail, lastLine, PASS, transportProblem, type Verdict } from "./verdict.js";

/** Reads `curl -sS -o /dev/null -w '%{http_code}' URL`: stdout is the status, `000` if none. */
export function interpretHttpStatus(result: RemoteResult, { expected = 200 } = {}): Verdict {
  const problem = transportProblem(result, "curl");
  if (problem !== undefined) return fail(problem);
  const code = /^\d{3}$/.exec(result.stdout.trim())?.[0];
  if (code === String(expected)) return PASS;
  // curl 7.88: "curl: (6) Could not resolve host: aws.demo.lab"
  const curlError = /curl: \((\d+)\) (.+)/.exec(result.stderr);
  if (curlError !== null) return fail(describeCurlError(Number(curlError[1]), curlError[2] ?? ""));
  if (code !== undefined && code !== "000") return fail(`HTTP ${code}, expected ${expected}`);
  return fail(`curl failed: ${lastLine(result.stderr) || `exit ${String(result.exitCode)}`}`);
}

function describeCurlError(code: number, message: string): string {
  if (code === 6) return "name does not resolve";
  if (code === 7) return "connection refused or unreachable";
  if (code === 28) return "no answer in time";
  return message.trim();
}
