// A lab value as plain data (objects, arrays, strings, numbers, booleans, null), checked before
// validation: YAML aliases and typed lab files can build values that no lab file means.
import { ValidationError } from "../errors/index.js";

// A lab file is a few levels deep; anything far deeper is a mistake or an attack.
const MAX_DEPTH = 64;

/**
 * A copy of `value` holding only own enumerable data, so later steps can walk it freely.
 * Throws ValidationError (code lab-file-syntax) for a cycle, a BigInt, a throwing getter or
 * nesting deeper than 64 levels. Functions and symbols are kept for validation to reject.
 */
export function toPlainData(
  value: unknown,
  { source, prefix = "" }: { source: string; prefix?: string },
): unknown {
  return copy(value, [], new Set(), { source, prefix });
}

interface Origin {
  source: string;
  /** Put before each message, e.g. "malformed YAML: ". */
  prefix: string;
}

function copy(value: unknown, path: string[], ancestors: Set<object>, origin: Origin): unknown {
  if (typeof value === "bigint") fail(path, "is a BigInt; write a plain number", origin);
  if (value === null || typeof value !== "object") return value;
  if (ancestors.has(value)) fail(path, "refers back to itself (a cycle)", origin);
  if (path.length >= MAX_DEPTH) fail(path, `is nested deeper than ${MAX_DEPTH} levels`, origin);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item, i) => copy(item, [...path, String(i)], ancestors, origin));
    }
    // Own keys only, and no prototype: `__proto__` or `constructor` stay ordinary keys.
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      const item = read(value, key, [...path, key], origin);
      Object.defineProperty(result, key, {
        value: copy(item, [...path, key], ancestors, origin),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return Object.setPrototypeOf(result, Object.prototype) as unknown;
  } finally {
    ancestors.delete(value);
  }
}

function read(value: object, key: string, path: string[], origin: Origin): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(path, `could not be read: ${reason.slice(0, 80)}`, origin);
  }
}

function fail(path: readonly string[], message: string, { source, prefix }: Origin): never {
  const field = path.join(".");
  const text = `${prefix}${field === "" ? "the lab" : field} ${message}`;
  throw new ValidationError([{ path: "", message: text }], { source, code: "lab-file-syntax" });
}
