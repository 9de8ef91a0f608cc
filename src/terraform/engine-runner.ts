import { execa } from "execa";
import type { Diagnostic } from "./diagnostics.js";
import { engineEnvironment, isEngineSetting } from "./engine-env.js";
import { parseEngineLine, type EngineEvent } from "./engine-events.js";
import type { Engine } from "./engine-locate.js";
import { maskDeep, maskSecrets, redactInvocation, secretValues } from "./engine-redact.js";
import { createLineSplitter } from "./json-stream.js";

/** What the runner itself reports around an engine process. */
export type RunnerEvent =
  | { type: "command-start"; commandLine: string; env: string[]; at: number }
  | {
      type: "command-end";
      commandLine: string;
      exitCode: number | undefined;
      signal: string | undefined;
      durationMs: number;
    }
  /** The first interrupt was forwarded; the engine is finishing what it started. */
  | { type: "interrupt-sent" }
  /** A second interrupt: the engine is stopped at once. */
  | { type: "force-sent" }
  | { type: "stderr"; line: string };

/** Everything a layer reports while the engine runs; cli/ renders it. */
export type ProgressEvent = EngineEvent | RunnerEvent;

export interface RunEngineOptions {
  engine: Engine;
  cwd: string;
  args: readonly string[];
  /** The caller's environment; the runner adds TF_IN_AUTOMATION and TF_INPUT. */
  env: Readonly<Record<string, string | undefined>>;
  /** First abort: forward one SIGINT and wait for a clean stop. */
  signal?: AbortSignal;
  /** Abort to stop the engine at once (the user's second Ctrl-C). */
  force?: AbortSignal;
  onEvent?: (event: ProgressEvent) => void;
  /** Keep stdout whole, for commands that print one JSON document (`output -json`). */
  keepStdout?: boolean;
  /**
   * Variables whose values are secret although their names do not say so (a cloud's credential
   * variables); their values, and those of secret-named ones, are masked in everything reported.
   */
  secretNames?: readonly string[];
}

export interface RunEngineResult {
  exitCode: number;
  signal: string | undefined;
  interrupted: boolean;
  forced: boolean;
  diagnostics: Diagnostic[];
  stderrTail: string[];
  /** Unmasked when kept whole: parse it, and show it only through `mask`. */
  stdout: string;
  /** Masks the run's secret values in a text meant for display. */
  mask: (text: string) => string;
  /** Shell-quoted, secrets redacted. */
  commandLine: string;
  durationMs: number;
}

let running = 0;

/** How many engine processes are running now; the entry point waits for them on Ctrl-C. */
export function activeEngineRuns(): number {
  return running;
}

// Terraform exits on its own after a forwarded SIGINT; if a forced stop hangs, kill its group.
const FORCE_GRACE_MS = 5_000;
const STDERR_TAIL_LINES = 20;

/** Runs the engine once, streaming its `-json` lines as typed events; exit codes never throw. */
export async function runEngine(options: RunEngineOptions): Promise<RunEngineResult> {
  const { engine, cwd, args, signal, force, onEvent = () => {}, keepStdout = false } = options;
  const env = engineEnvironment(options.env);
  const secretNames = options.secretNames ?? [];
  const secrets = secretValues(env, secretNames);
  const mask = (text: string) => maskSecrets(text, secrets);
  const shown = redactInvocation({
    command: engine.kind,
    args,
    env,
    showEnv: isEngineSetting,
    secretNames,
  });
  const started = Date.now();
  onEvent({ type: "command-start", commandLine: shown.commandLine, env: shown.env, at: started });

  // Its own process group, so a terminal's Ctrl-C reaches only ztlab, which forwards it once;
  // otherwise terraform would see two interrupts and stop without saving state.
  const child = execa(engine.path, [...args], {
    cwd,
    env,
    extendEnv: false,
    detached: true,
    reject: false,
    buffer: false,
    stdin: "ignore",
    encoding: "utf8",
  });
  const diagnostics: Diagnostic[] = [];
  const stderrTail: string[] = [];
  let stdout = "";
  const control = watchInterrupts({ child, signal, force, onEvent });

  const stdoutLines = createLineSplitter();
  const handleLine = (line: string) => {
    // Masked after parsing, so a secret written with JSON escapes is still found.
    const parsed = parseEngineLine(line);
    if (parsed === undefined) return;
    const event = maskDeep(parsed, secrets);
    if (event.type === "diagnostic") diagnostics.push(event.diagnostic);
    onEvent(event);
  };
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    if (keepStdout) stdout += chunk;
    else stdoutLines.push(chunk).forEach(handleLine);
  });
  const stderrLines = createLineSplitter();
  const handleStderr = (raw: string) => {
    const line = mask(raw);
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    onEvent({ type: "stderr", line });
  };
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => stderrLines.push(chunk).forEach(handleStderr));

  running += 1;
  const result = await child.finally(() => {
    running -= 1;
  });
  control.dispose();
  // A forced stop leaves the engine's provisioner children behind; they share its process group.
  if (control.forced()) killGroup(child.pid);
  stdoutLines.flush().forEach(handleLine);
  stderrLines.flush().forEach(handleStderr);

  const durationMs = Date.now() - started;
  const exitCode = result.exitCode ?? (result.signal === undefined ? 1 : 128);
  onEvent({
    type: "command-end",
    commandLine: shown.commandLine,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs,
  });
  return {
    exitCode,
    signal: result.signal,
    interrupted: control.interrupted(),
    forced: control.forced(),
    diagnostics,
    stderrTail,
    stdout,
    mask,
    commandLine: shown.commandLine,
    durationMs,
  };
}

interface InterruptControl {
  interrupted: () => boolean;
  forced: () => boolean;
  dispose: () => void;
}

function watchInterrupts({
  child,
  signal,
  force,
  onEvent,
}: {
  child: { pid?: number | undefined; kill: (signal: NodeJS.Signals) => boolean };
  signal: AbortSignal | undefined;
  force: AbortSignal | undefined;
  onEvent: (event: ProgressEvent) => void;
}): InterruptControl {
  let interrupted = false;
  let forced = false;
  let timer: NodeJS.Timeout | undefined;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    child.kill("SIGINT");
    onEvent({ type: "interrupt-sent" });
  };
  const stopNow = () => {
    if (forced) return;
    interrupt();
    forced = true;
    // Terraform's own rule: a second interrupt means stop immediately.
    child.kill("SIGINT");
    onEvent({ type: "force-sent" });
    timer = setTimeout(() => killGroup(child.pid), FORCE_GRACE_MS);
    timer.unref();
  };
  if (signal?.aborted === true) interrupt();
  else signal?.addEventListener("abort", interrupt, { once: true });
  if (force?.aborted === true) stopNow();
  else force?.addEventListener("abort", stopNow, { once: true });
  return {
    interrupted: () => interrupted,
    forced: () => forced,
    dispose: () => {
      signal?.removeEventListener("abort", interrupt);
      force?.removeEventListener("abort", stopNow);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
