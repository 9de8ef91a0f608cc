export type ErrorKind = "input" | "environment" | "engine" | "check" | "internal";

export interface ZtlabErrorOptions {
  /** Stable kebab-case code, shown by `--json`. */
  code: string;
  hint?: string;
  cause?: unknown;
  /** Extra lines printed under the first one, already indented by the caller's formatter. */
  details?: string[];
}

/** Base of every error ztlab raises on purpose; the CLI prints these without a stack. */
export class ZtlabError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: string[];
  readonly kind: ErrorKind = "internal";

  constructor(message: string, { code, hint, cause, details = [] }: ZtlabErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
    this.details = details;
  }

  /** Exit status a command ends with when this error reaches the entry point. */
  get exitCode(): number {
    return this.kind === "input" ? 2 : 1;
  }
}

/** Something the user wrote is wrong: the lab file, a flag, a rules program. Exit 2. */
export class InputError extends ZtlabError {
  override readonly kind = "input";
}

/** The machine lacks something: a binary, a credential, a reachable service. */
export class EnvironmentError extends ZtlabError {
  override readonly kind = "environment";
}

/** Terraform or OpenTofu failed. */
export class EngineError extends ZtlabError {
  override readonly kind = "engine";
}

/** The lab is up but a verification failed. */
export class CheckError extends ZtlabError {
  override readonly kind = "check";
}

/** A bug in ztlab itself: printed with its stack and a request for a report. */
export class InternalError extends ZtlabError {
  override readonly kind = "internal";
}

export function isZtlabError(value: unknown): value is ZtlabError {
  return value instanceof ZtlabError;
}
