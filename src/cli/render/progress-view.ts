import type { Writable } from "node:stream";
import {
  countProgress,
  createProgressTally,
  formatDiagnostic,
  recordEvent,
  type ProgressEvent,
  type ProgressTally,
} from "../../terraform/index.js";
import type { LogLevel } from "../cli-context.js";
import { formatClock, formatElapsed } from "./progress-format.js";

export interface ProgressViewOptions {
  stream: Writable & { columns?: number };
  /** One rewritten status line (a terminal) instead of one plain line per change (logs, CI). */
  live: boolean;
  level: LogLevel;
  /** --json: keep stderr to warnings, interrupts and failures. */
  quietProgress?: boolean;
  now?: () => number;
}

/** Renders engine events on stderr; `begin` starts counting an apply or destroy. */
export interface ProgressView {
  onEvent: (event: ProgressEvent) => void;
  begin: (operation: string) => void;
  /** Clears the live line; returns the tally of the phase begun last. */
  end: () => ProgressTally;
}

const CLEAR_LINE = "\r\x1b[2K";

export function createProgressView({
  stream,
  live,
  level,
  quietProgress = false,
  now = Date.now,
}: ProgressViewOptions): ProgressView {
  let tally = createProgressTally();
  let operation = "";
  let startedAt = now();
  let timer: NodeJS.Timeout | undefined;
  let lineShown = false;
  const showSteps = level !== "quiet" && !quietProgress;
  const verbose = level === "verbose" || level === "debug";

  const print = (text: string) => {
    if (lineShown) stream.write(CLEAR_LINE);
    stream.write(`${text}\n`);
    lineShown = false;
    if (timer !== undefined) redraw();
  };
  const redraw = () => {
    if (!live || !showSteps) return;
    const text = statusLine({ tally, operation, elapsed: now() - startedAt, now: now() });
    stream.write(`${CLEAR_LINE}${text.slice(0, Math.max(20, (stream.columns ?? 100) - 1))}`);
    lineShown = true;
  };

  return {
    begin(name) {
      tally = createProgressTally();
      operation = name;
      startedAt = now();
      if (live && showSteps) {
        timer = setInterval(redraw, 1000);
        timer.unref();
        redraw();
      }
    },
    end() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (lineShown) stream.write(CLEAR_LINE);
      lineShown = false;
      return tally;
    },
    onEvent(event) {
      recordEvent(tally, event);
      const line = describe(event, { verbose, debug: level === "debug", showSteps, live });
      if (line !== undefined) print(line);
      else if (timer !== undefined) redraw();
    },
  };
}

function describe(
  event: ProgressEvent,
  {
    verbose,
    debug,
    showSteps,
    live,
  }: { verbose: boolean; debug: boolean; showSteps: boolean; live: boolean },
): string | undefined {
  switch (event.type) {
    case "interrupt-sent":
      return "interrupt: asking the engine to stop cleanly (Ctrl-C again to force)";
    case "force-sent":
      return "second interrupt: stopping the engine now";
    case "apply-errored":
      return `  FAILED  ${event.address} after ${event.elapsed}s`;
    case "diagnostic":
      // Errors arrive again in the error that ends the command; warnings only here.
      if (event.diagnostic.severity === "error" && !debug) return undefined;
      return formatDiagnostic(event.diagnostic).join("\n");
    case "command-start":
      if (!verbose) return undefined;
      return [
        `${formatClock(event.at)} $ ${event.commandLine}`,
        ...(debug ? event.env.map((l) => `    ${l}`) : []),
      ].join("\n");
    case "command-end": {
      if (!verbose) return undefined;
      const ending = event.signal ?? `exit ${event.exitCode}`;
      return `${formatClock(Date.now())}   ${ending} after ${formatElapsed(event.durationMs)}`;
    }
    case "apply-start":
      return showSteps && !live ? `  ${event.action}  ${event.address} ...` : undefined;
    case "apply-complete":
      return showSteps && !live ? `  done  ${event.address} (${event.elapsed}s)` : undefined;
    case "text":
    case "stderr":
      return debug ? `  | ${event.line}` : undefined;
    case "log":
    case "provision-output":
      return debug ? `  | ${"output" in event ? event.output : event.message}` : undefined;
    default:
      return undefined;
  }
}

function statusLine({
  tally,
  operation,
  elapsed,
  now,
}: {
  tally: ProgressTally;
  operation: string;
  elapsed: number;
  now: number;
}): string {
  const c = countProgress(tally);
  const running = [...tally.resources.values()].filter((r) => r.state === "running");
  // The engine's clock and ours differ by the pipe delay only; good enough for a live display.
  const longest = running.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))[0];
  const current =
    longest === undefined
      ? ""
      : `  ${longest.address} ${formatElapsed(now - (longest.startedAt ?? now))}` +
        (running.length > 1 ? ` (+${running.length - 1})` : "");
  return (
    `${operation}  ${c.done + c.failed}/${c.total}  done ${c.done}  running ${c.running}` +
    `  failed ${c.failed}  ${formatElapsed(elapsed)}${current}`
  );
}
