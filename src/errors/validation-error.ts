import { InputError } from "./ztlab-error.js";

/** One problem found while validating input: where it is and what is wrong. */
export interface ValidationProblem {
  /** Dotted path of the field, e.g. `instances.aws.ip_assignment`; empty for the whole file. */
  path: string;
  message: string;
  hint?: string;
  /** 1-based position in the source file when known. */
  line?: number;
  column?: number;
}

/** Every problem of one input, reported together (exit 2). */
export class ValidationError extends InputError {
  readonly problems: ValidationProblem[];
  readonly source: string | undefined;

  constructor(
    problems: ValidationProblem[],
    { source, code = "invalid-lab" }: { source?: string; code?: string } = {},
  ) {
    const first = problems[0];
    const head = first ? formatProblem(first, source) : "invalid input";
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(`${head}${more}`, {
      code,
      details: problems.slice(1).map((p) => formatProblem(p, source)),
      hint: first?.hint,
    });
    this.problems = problems;
    this.source = source;
  }
}

function formatProblem(problem: ValidationProblem, source: string | undefined): string {
  const where =
    problem.line === undefined
      ? ""
      : `${source ?? "input"}:${problem.line}:${problem.column ?? 1}: `;
  const path = problem.path === "" ? "" : `${problem.path}: `;
  return `${where}${path}${problem.message}`;
}
