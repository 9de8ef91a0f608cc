// Turns a parsed lab file into a LabConfig, or one ValidationError listing every problem.
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import { ValidationError, type ValidationProblem } from "../errors/index.js";
import { CLOUD_KINDS, RETIRED_CLOUDS, inferCloud, type CloudKind } from "./cloud-kinds.js";
import { checkDnsLabel } from "./field-formats.js";
import { labSchema, type LabConfig } from "./lab-schema.js";
import type { ParsedLab } from "./lab-source.js";

type Locate = ParsedLab["locate"];

export function validateLab(
  value: unknown,
  { source, locate }: { source?: string; locate?: Locate },
): LabConfig {
  const result = labSchema.safeParse(value);
  const problems = result.success
    ? checkKeysAndClouds(result.data)
    : result.error.issues.flatMap((issue) => problemsOfIssue(issue, value));
  if (problems.length > 0) {
    const placed = problems.map((problem) => placeProblem(problem, locate));
    throw new ValidationError(placed, { source });
  }
  return (result as { data: LabConfig }).data;
}

interface PathProblem extends Omit<ValidationProblem, "path"> {
  path: PropertyKey[];
}

function problemsOfIssue(issue: z.core.$ZodIssue, input: unknown): PathProblem[] {
  const path = [...issue.path];
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeysAt(path);
    return issue.keys.map((key) => {
      const guess = allowed.length > 0 ? closest(key, allowed) : undefined;
      const near = guess !== undefined && isNear(key, guess);
      return {
        path: [...path, key],
        message: `unknown key${near ? `; did you mean "${guess}"?` : ""}`,
        hint: allowed.length > 0 ? `allowed here: ${allowed.join(", ")}` : undefined,
      };
    });
  }
  if (issue.code === "invalid_type" && valueAt(input, path) === undefined) {
    return [{ path, message: `is required (${issue.expected})` }];
  }
  if (issue.code === "invalid_value" && path.at(-1) === "cloud") {
    return [
      {
        path,
        message: `unknown cloud "${String(valueAt(input, path))}"`,
        hint: `supported: ${CLOUD_KINDS.join(", ")}`,
      },
    ];
  }
  return [{ path, message: issue.message }];
}

function checkKeysAndClouds(lab: LabConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const section of ["instances", "devices", "users"] as const) {
    for (const key of Object.keys(lab[section])) {
      const bad = checkDnsLabel(key);
      if (bad !== undefined) problems.push({ path: [section, key], message: `key ${bad}` });
    }
  }
  for (const [key, instance] of Object.entries(lab.instances)) {
    const cloud = inferCloud(key, instance.cloud);
    if (cloud === undefined) {
      problems.push({
        path: ["instances", key, "cloud"],
        message: `is required: "${key}" is not one of the original short keys, so the cloud cannot be inferred`,
        hint: `set cloud: to one of ${CLOUD_KINDS.join(", ")}`,
      });
      continue;
    }
    const retired = RETIRED_CLOUDS[cloud as CloudKind];
    if (retired !== undefined && instance.enabled !== false) {
      problems.push({
        path: ["instances", key, "enabled"],
        message: `cannot enable ${cloud}: ${retired}`,
      });
    }
  }
  return problems;
}

function placeProblem(problem: PathProblem, locate: Locate | undefined): ValidationProblem {
  const pos = locate?.(problem.path);
  return { ...problem, path: problem.path.map(String).join("."), ...(pos ?? {}) };
}

function isNear(key: string, guess: string): boolean {
  return distance(key, guess) <= Math.max(2, Math.floor(guess.length / 3));
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
