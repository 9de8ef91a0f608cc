import { EngineError, type ZtlabErrorOptions } from "../errors/index.js";
import {
  describeStateLock,
  formatDiagnostic,
  isStateLockDiagnostic,
  type Diagnostic,
} from "./diagnostics.js";
import type { RunEngineResult } from "./engine-runner.js";

/** The engine stopped because of the user's interrupt; exit 130 as for any interrupted command. */
export class EngineInterruptedError extends EngineError {
  override get exitCode(): number {
    return 130;
  }
}

/** The state is locked by another run (exit 1); carries who holds the lock. */
export class StateLockedError extends EngineError {}

export class EngineFailedError extends EngineError {
  readonly diagnostics: Diagnostic[];
  /** Addresses of resources whose apply failed, in the order they failed. */
  readonly failedAddresses: string[];

  constructor(
    message: string,
    options: ZtlabErrorOptions & { diagnostics: Diagnostic[]; failedAddresses?: string[] },
  ) {
    super(message, options);
    this.diagnostics = options.diagnostics;
    this.failedAddresses = options.failedAddresses ?? [];
  }
}

/** Turns a failed engine run into the error that explains it; the caller knows it failed. */
export function engineFailure(
  result: RunEngineResult,
  { what, failedAddresses = [] }: { what: string; failedAddresses?: string[] },
): EngineError {
  const lock = result.diagnostics.find(isStateLockDiagnostic);
  if (lock !== undefined) {
    return new StateLockedError(`${what}: the state is locked by another run`, {
      code: "state-locked",
      details: describeStateLock(lock),
      hint: "wait for the other run to finish, then try again",
    });
  }
  if (result.interrupted) return interruptedError(result, what);

  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const details = errors.length > 0 ? errors.flatMap(formatDiagnostic) : result.stderrTail;
  const failed = failedAddresses.length > 0 ? ` (failed: ${failedAddresses.join(", ")})` : "";
  return new EngineFailedError(
    `${result.commandLine} failed with exit code ${result.exitCode}${failed}`,
    { code: "engine-failed", details, diagnostics: result.diagnostics, failedAddresses },
  );
}

function interruptedError(result: RunEngineResult, what: string): EngineInterruptedError {
  if (result.forced) {
    return new EngineInterruptedError(`${what}: stopped at once on a second interrupt`, {
      code: "engine-killed",
      hint:
        "resources being changed may be missing from the state;\n" +
        "run the same command again and read its plan before confirming",
    });
  }
  return new EngineInterruptedError(`${what}: interrupted; the engine stopped cleanly`, {
    code: "engine-interrupted",
    details: ["state was saved; resources cut short are marked tainted and will be replaced"],
    hint: "run the same command again to finish",
  });
}
