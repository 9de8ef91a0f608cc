import { isAbsolute, relative } from "node:path";
import {
  isZtlabError,
  ValidationError,
  type ValidationProblem,
  type ZtlabError,
} from "../errors/index.js";
import type { CliContext } from "./cli-context.js";
import { VERSION } from "./version.js";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

const REPORT_REQUEST = "this is a bug in ztlab; please report it with the lines above and:";

/** Prints an error the way the style guide asks and returns the exit code. */
export function reportError(
  error: unknown,
  ctx: Pick<CliContext, "stderr" | "stdout" | "options" | "level"> & { cwd?: string },
): number {
  const debug = ctx.level === "debug";
  if (isZtlabError(error) && error.kind !== "internal") {
    if (ctx.options.json)
      ctx.stdout.write(JSON.stringify({ error: errorJson(error) }, null, 2) + "\n");
    ctx.stderr.write(formatZtlabError(error, { cwd: ctx.cwd }));
    if (debug) ctx.stderr.write(stackWithCauses(error));
    return error.exitCode;
  }
  if (ctx.options.json) {
    ctx.stdout.write(
      JSON.stringify({ error: { code: "internal", message: String(error) } }, null, 2) + "\n",
    );
  }
  ctx.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  ctx.stderr.write(stackWithCauses(error));
  ctx.stderr.write(`  ${REPORT_REQUEST} ztlab ${VERSION}, node ${process.version}\n`);
  return EXIT_FAILED;
}

/** The text of a ZtlabError for stderr: a first line that stands alone, details indented. */
export function formatZtlabError(error: ZtlabError, { cwd }: { cwd?: string } = {}): string {
  if (error instanceof ValidationError && error.problems.length > 0) {
    return formatProblems(error, cwd);
  }
  const lines = [`error: ${error.message}`];
  for (const detail of error.details) lines.push(`  ${detail}`);
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  return lines.join("\n") + "\n";
}

function formatProblems(error: ValidationError, cwd: string | undefined): string {
  const file = displayPath(error.source ?? "the input", cwd);
  const [only, second] = error.problems;
  if (only !== undefined && second === undefined) {
    const lines = [`error: ${withPath(only)}`];
    lines.push(only.line === undefined ? `  in ${file}` : `  at ${file}:${position(only)}`);
    if (only.hint !== undefined) lines.push(`  hint: ${only.hint}`);
    return lines.join("\n") + "\n";
  }
  const lines = [`error: ${error.problems.length} problems in ${file}`];
  for (const problem of error.problems) {
    const where = problem.line === undefined ? "" : `${file}:${position(problem)}: `;
    lines.push(`  ${where}${withPath(problem)}`);
    if (problem.hint !== undefined) lines.push(`    hint: ${problem.hint}`);
  }
  return lines.join("\n") + "\n";
}

function withPath(problem: ValidationProblem): string {
  return problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`;
}

function position(problem: ValidationProblem): string {
  return `${problem.line}:${problem.column ?? 1}`;
}

// Paths below the working directory are shown relative to it, as the user would type them.
function displayPath(path: string, cwd: string | undefined): string {
  if (cwd === undefined || !isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function errorJson(error: ZtlabError) {
  return {
    code: error.code,
    kind: error.kind,
    message: error.message,
    hint: error.hint,
    details: error.details.length > 0 ? error.details : undefined,
    problems: error instanceof ValidationError ? error.problems : undefined,
  };
}

function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.map((part, i) => (i === 0 ? part : `caused by: ${part}`)).join("\n") + "\n";
}
