import { isZtlabError, ValidationError, type ZtlabError } from "../errors/index.js";
import type { CliContext } from "./cli-context.js";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

const VERSION_HINT = "please report this with the output of `ztlab --version` and `node --version`";

/** Prints an error the way the style guide asks and returns the exit code. */
export function reportError(
  error: unknown,
  ctx: Pick<CliContext, "stderr" | "stdout" | "options" | "level">,
): number {
  const debug = ctx.level === "debug";
  if (isZtlabError(error) && error.kind !== "internal") {
    if (ctx.options.json)
      ctx.stdout.write(JSON.stringify({ error: errorJson(error) }, null, 2) + "\n");
    ctx.stderr.write(formatZtlabError(error));
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
  ctx.stderr.write(`  ${VERSION_HINT}\n`);
  return EXIT_FAILED;
}

export function formatZtlabError(error: ZtlabError): string {
  const lines = [`error: ${error.message}`];
  if (error instanceof ValidationError && error.problems.length > 1) {
    lines[0] = `error: ${error.problems.length} problems in ${error.source ?? "the input"}`;
    for (const problem of error.problems) {
      const where =
        problem.line === undefined ? "" : `line ${problem.line}:${problem.column ?? 1}: `;
      lines.push(`  ${where}${problem.path === "" ? "" : `${problem.path}: `}${problem.message}`);
      if (problem.hint !== undefined) lines.push(`    hint: ${problem.hint}`);
    }
    return lines.join("\n") + "\n";
  }
  for (const detail of error.details) lines.push(`  ${detail}`);
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  return lines.join("\n") + "\n";
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
