// Several commands of one check in one ssh session: they run side by side on the node and their
// outputs come back in marked sections. Fewer sessions keep `check` cheap when there are many
// peers (a node pings each of its peers twice and fetches every web page).
import type { RemoteResult } from "./ssh-transport.js";
import { quote, withRemoteTimeout } from "./check-commands.js";

const STEP_MARK = "@@ztlab-step";
const STDERR_MARK = "@@ztlab-stderr";

/** A POSIX shell script running `commands` in parallel, each under `timeout seconds`. */
export function batchScript(commands: readonly string[], seconds: number): string {
  const lines = [
    "d=$(mktemp -d) || exit 1",
    `printf '\\n%s\\n' ${quote(STDERR_MARK)} >"$d/m"`,
    `printf '\\n' >"$d/n"`,
  ];
  const files: string[] = [];
  commands.forEach((command, i) => {
    const run = withRemoteTimeout(command, seconds);
    const header = `printf '%s %s %s\\n' ${quote(STEP_MARK)} ${i} $? >"$d/${i}.h"`;
    lines.push(`( ${run} >"$d/${i}.o" 2>"$d/${i}.e"; ${header} ) </dev/null &`);
    files.push(`"$d/${i}.h" "$d/${i}.o" "$d/m" "$d/${i}.e" "$d/n"`);
  });
  // One cat for every section: on a busy node each process counts.
  lines.push("wait", `cat ${files.join(" ")}`, 'rm -rf "$d"');
  return lines.join("\n");
}

/**
 * The result of each command of a batch. When the batch itself failed (ssh, timeout, no shell),
 * every command gets that failure, so each step reports why it did not run.
 */
export function splitBatchOutput(result: RemoteResult, count: number): RemoteResult[] {
  const sections = parseSections(result.stdout);
  if (result.timedOut || sections.size < count) {
    return Array.from({ length: count }, () => ({ ...result }));
  }
  return Array.from({ length: count }, (_, i) => {
    const section = sections.get(i) as { exitCode: number; stdout: string; stderr: string };
    return { ...section, timedOut: false, durationMs: result.durationMs };
  });
}

function parseSections(
  stdout: string,
): Map<number, { exitCode: number; stdout: string; stderr: string }> {
  const sections = new Map<number, { exitCode: number; stdout: string; stderr: string }>();
  const header = new RegExp(`^${STEP_MARK} (\\d+) (\\d+)\\n`, "gm");
  const heads = [...stdout.matchAll(header)];
  heads.forEach((head, n) => {
    const start = (head.index ?? 0) + head[0].length;
    const end = heads[n + 1]?.index ?? stdout.length;
    const body = stdout.slice(start, end);
    const split = body.lastIndexOf(`\n${STDERR_MARK}\n`);
    if (split < 0) return;
    sections.set(Number(head[1]), {
      exitCode: Number(head[2]),
      stdout: body.slice(0, split),
      // The script adds one newline after stderr to keep the next header at a line start.
      stderr: body.slice(split + STDERR_MARK.length + 2).replace(/\n$/, ""),
    });
  });
  return sections;
}
