import type { z } from "zod";
import { labSchema, type LabConfig } from "./lab-schema.js";

// Each round removes at least one bad field; a lab file has far fewer levels than this.
const MAX_ROUNDS = 50;

/**
 * The lab with every field the schema rejects removed (defaults take their place), or undefined
 * when nothing sensible is left. Instances are emptied rather than removed, so node k stays k.
 */
export function salvageLab(value: unknown): LabConfig | undefined {
  let current = cloneData(value);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = labSchema.safeParse(current);
    if (result.success) return result.data;
    let isChanged = false;
    for (const issue of result.error.issues) {
      isChanged = dropIssue(current, issue) || isChanged;
    }
    if (!isChanged) return undefined;
    current = cloneData(current);
  }
  return undefined;
}

function dropIssue(root: unknown, issue: z.core.$ZodIssue): boolean {
  const path = [...issue.path];
  if (issue.code === "unrecognized_keys") {
    const parent = valueAt(root, path);
    if (!isRecord(parent)) return false;
    for (const key of issue.keys) delete parent[key];
    return issue.keys.length > 0;
  }
  // A missing required field: the entry holding it goes.
  const target = valueAt(root, path) === undefined ? path.slice(0, -1) : path;
  return dropAt(root, target);
}

function dropAt(root: unknown, path: readonly PropertyKey[]): boolean {
  const key = path.at(-1);
  const parent = valueAt(root, path.slice(0, -1));
  if (key === undefined || !isRecord(parent) || !(String(key) in parent)) return false;
  const isInstance = path.length === 2 && path[0] === "instances";
  if (isInstance) {
    if (isRecord(parent[String(key)]) && Object.keys(parent[String(key)] as object).length === 0) {
      return false;
    }
    parent[String(key)] = {};
  } else {
    delete parent[String(key)];
  }
  return true;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[String(key)];
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Plain data only: a typed lab file may hold anything, and only objects are walked into.
function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneData(item)]));
}
