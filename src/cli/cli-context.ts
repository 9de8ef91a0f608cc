import type { Writable } from "node:stream";

/** Everything a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Interrupts (Ctrl-C) of the whole run; long commands pass it down. */
  signal?: AbortSignal;
  /** The second Ctrl-C: stop external programs at once. */
  force?: AbortSignal;
}

export interface GlobalOptions {
  config?: string;
  json?: boolean;
  verbose?: boolean;
  debug?: boolean;
  quiet?: boolean;
  color?: boolean;
}

export type LogLevel = "quiet" | "info" | "verbose" | "debug";

export interface CliContext extends CliIo {
  options: GlobalOptions;
  level: LogLevel;
  /** Colour only on a terminal, never under NO_COLOR, TERM=dumb or CI. */
  useColor: boolean;
  /** A line for a person, on stderr (progress, notices); silent under --quiet and --json. */
  note: (line: string) => void;
  /** A warning on stderr; shown even under --json. */
  warn: (line: string) => void;
  out: (text: string) => void;
}

export function createContext(io: CliIo, options: GlobalOptions): CliContext {
  const level: LogLevel = options.debug
    ? "debug"
    : options.verbose
      ? "verbose"
      : options.quiet
        ? "quiet"
        : levelFromEnv(io.env.ZTLAB_LOG);
  const useColor =
    options.color !== false &&
    io.stderr.isTTY === true &&
    io.env.NO_COLOR === undefined &&
    io.env.TERM !== "dumb" &&
    io.env.CI === undefined;
  const quietNotes = level === "quiet" || options.json === true;
  return {
    ...io,
    options,
    level,
    useColor,
    note: (line) => {
      if (!quietNotes) io.stderr.write(`${line}\n`);
    },
    warn: (line) => io.stderr.write(prefixLines("warning: ", line)),
    out: (text) => io.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  };
}

function levelFromEnv(value: string | undefined): LogLevel {
  if (value === "quiet" || value === "verbose" || value === "debug") return value;
  return "info";
}

/** Repeats a prefix on every line of a multi-line message; a final line break adds no line. */
export function prefixLines(prefix: string, text: string): string {
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  return (
    body
      .split("\n")
      .map((line) => `${prefix}${line}`)
      .join("\n") + "\n"
  );
}
