// Turns a parsed lab file into a LabConfig, or one error listing every problem.
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import type { ValidationProblem } from "../errors/index.js";
import { CLOUD_KINDS, RETIRED_CLOUDS, inferCloud } from "./cloud-kinds.js";
import { checkDnsLabel } from "./field-formats.js";
import { InvalidLabError } from "./invalid-lab-error.js";
import { labSchema, type LabConfig } from "./lab-schema.js";
import type { Locate } from "./lab-source.js";
import { salvageLab } from "./salvage-lab.js";

/** The lab with defaults applied; throws InvalidLabError listing every problem found. */
export function validateLab(
  value: unknown,
  { source, locate }: { source?: string; locate?: Locate },
): LabConfig {
  const result = labSchema.safeParse(value);
  const config = result.success ? result.data : salvageLab(value);
  const schemaProblems = result.success
    ? []
    : result.error.issues.flatMap((issue) => problemsOfIssue(issue, value));
  const reported = schemaProblems.map((problem) => problem.path.map(String).join("."));
  const labProblems = [
    ...checkKeys(value),
    ...(config === undefined ? [] : checkClouds(config)),
  ].filter((problem) => !isUnder(problem.path.map(String).join("."), reported));
  const problems = [...schemaProblems, ...labProblems];
  if (problems.length === 0 && config !== undefined) return config;

  const placed = sortProblems(problems.map((problem) => placeProblem(problem, locate)));
  throw new InvalidLabError(capProblems(placed), { source, partial: config, locate });
}

/** True when `path` is one of `reported` or lies below one of them. */
export function isUnder(path: string, reported: readonly string[]): boolean {
  return reported.some((other) => path === other || path.startsWith(`${other}.`));
}

/** Problems in file order; those without a position keep their order at the end. */
export function sortProblems(problems: readonly ValidationProblem[]): ValidationProblem[] {
  const position = (problem: ValidationProblem) =>
    problem.line === undefined
      ? Number.MAX_SAFE_INTEGER
      : problem.line * 100_000 + (problem.column ?? 0);
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => position(a.problem) - position(b.problem) || a.order - b.order)
    .map(({ problem }) => problem);
}

interface PathProblem extends Omit<ValidationProblem, "path"> {
  path: PropertyKey[];
  /** The problem is the key itself (unknown, or not a valid name), not its value. */
  isKey?: boolean;
}

function problemsOfIssue(issue: z.core.$ZodIssue, input: unknown): PathProblem[] {
  const path = [...issue.path];
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(path);
    return issue.keys.map((key) => ({
      path: [...path, key],
      isKey: true,
      message: `unknown key${suggestion(key, allowed)}`,
      hint: allowed.length > 0 ? `allowed here: ${allowed.join(", ")}` : undefined,
    }));
  }
  const value = valueAt(input, path);
  if (issue.code === "invalid_type" && value === undefined) {
    return [{ path, message: `is required (${issue.expected})` }];
  }
  if (issue.code === "invalid_value" && path.at(-1) === "cloud") {
    const written = String(value);
    return [
      {
        path,
        message: `unknown cloud "${written}"${suggestion(written, CLOUD_KINDS)}`,
        hint: `supported: ${CLOUD_KINDS.join(", ")}`,
      },
    ];
  }
  if (issue.code === "invalid_value" && issue.values.length > 0) {
    const allowed = issue.values.map(String);
    const written = typeof value === "string" ? value : describeValue(value);
    return [
      {
        path,
        message:
          `${typeof value === "string" ? `"${abbreviate(written)}"` : written} is not allowed` +
          suggestion(String(value).toLowerCase(), allowed),
        hint: `allowed: ${allowed.join(", ")}`,
      },
    ];
  }
  if (issue.code === "invalid_type") {
    return [{ path, message: `expected ${issue.expected}, got ${describeValue(value)}` }];
  }
  const hint =
    issue.code === "custom" ? (issue.params as { hint?: string } | undefined)?.hint : undefined;
  return [{ path, message: issue.message, hint }];
}

// Node and device keys become DNS names; user keys follow the same rule for consistency.
function checkKeys(input: unknown): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const section of ["instances", "devices", "users"] as const) {
    const entries = valueAt(input, [section]);
    if (entries === null || typeof entries !== "object" || Array.isArray(entries)) continue;
    for (const key of Object.keys(entries)) {
      const bad = checkDnsLabel(key);
      if (bad === undefined) continue;
      const [message = bad, hint] = bad.split("\n");
      problems.push({ path: [section, key], message: `key ${message}`, hint, isKey: true });
    }
  }
  return problems;
}

function checkClouds(lab: LabConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const [key, instance] of Object.entries(lab.instances)) {
    const cloud = inferCloud(key, instance.cloud);
    if (cloud === undefined) {
      problems.push({
        path: ["instances", key, "cloud"],
        message: `is required: the cloud of "${key}" cannot be inferred from its name`,
        hint: `set cloud: to one of ${CLOUD_KINDS.join(", ")}`,
      });
      continue;
    }
    const retired = RETIRED_CLOUDS[cloud];
    if (retired !== undefined && instance.enabled !== false) {
      problems.push({
        path: ["instances", key, "enabled"],
        message: retired,
        hint: "set enabled: false to keep the node listed without building it",
      });
    }
  }
  return problems;
}

function placeProblem(problem: PathProblem, locate: Locate | undefined): ValidationProblem {
  const { isKey = false, ...rest } = problem;
  const pos = locate?.(problem.path, { atKey: isKey });
  const message = shortenQuotes(rest.message);
  const path = problem.path.map((key) => abbreviate(String(key))).join(".");
  return { ...rest, message, path, ...pos };
}

// The nearest allowed word by edits, else the one sharing the longest start (ip_address and
// ip_assignment are far apart by edits but plainly related).
function suggestion(written: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return "";
  const guess = closest(written, [...allowed]);
  if (distance(written, guess) <= Math.max(2, Math.floor(guess.length / 3))) {
    return `; did you mean "${guess}"?`;
  }
  const byPrefix = [...allowed].sort(
    (a, b) => commonPrefix(written, b) - commonPrefix(written, a),
  )[0];
  const isRelated = byPrefix !== undefined && commonPrefix(written, byPrefix) >= 4;
  return isRelated ? `; did you mean "${byPrefix}"?` : "";
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `string "${abbreviate(value)}"`;
  if (typeof value === "number") return `number ${String(value)}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (value === undefined) return "nothing";
  return `${typeof value} ${String(value)}`;
}

const MAX_QUOTED = 40;

function abbreviate(text: string): string {
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  return printable.length <= MAX_QUOTED ? printable : `${printable.slice(0, MAX_QUOTED - 3)}...`;
}

// Values quoted by any rule are cut, so a binary or megabyte value stays one readable line.
function shortenQuotes(message: string): string {
  return message.replace(/"([^"]*)"/g, (_whole, inner: string) => `"${abbreviate(inner)}"`);
}

const MAX_PROBLEMS = 50;

function capProblems(problems: ValidationProblem[]): ValidationProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    { path: "", message: `... and ${more} more problems` },
  ];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

// Keys the schema allows at a path, for did-you-mean.
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = labSchema;
  for (const key of path) {
    const shape = shapeOf(schema);
    if (shape !== undefined) schema = shape[String(key)];
    else schema = recordValueOf(schema);
    if (schema === undefined) return [];
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { innerType?: unknown; type?: string } } | undefined;
  while (current?.def?.innerType !== undefined) current = current.def.innerType as typeof current;
  return current;
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  return (unwrap(schema) as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
}

function recordValueOf(schema: unknown): unknown {
  return (unwrap(schema) as { def?: { valueType?: unknown } } | undefined)?.def?.valueType;
}
