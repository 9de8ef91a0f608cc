// Changing a few scalars of a YAML or JSON lab file in place: only the changed values' text is
// replaced, so comments, key order, quoting and spacing stay byte for byte.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, chown, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, parseDocument, parse, type YAMLMap } from "yaml";
import { EnvironmentError, InputError, type ZtlabError } from "../errors/index.js";
import type { LabFormat } from "./lab-source.js";

export type LabScalar = string | boolean | number;

/** One value to set: a path of map keys, e.g. ["network", "flow_rules", "mode"]. */
export interface LabEdit {
  path: readonly string[];
  value: LabScalar;
}

/**
 * Applies the edits to the file's text. An existing value is replaced where it stands (keeping
 * its quote style); a missing key is inserted after the last entry of its map, with that map's
 * indentation; missing parent maps are created the same way.
 */
export function editLabText(
  text: string,
  { format, edits }: { format: Exclude<LabFormat, "ts">; edits: readonly LabEdit[] },
): string {
  // Edits work on LF text; a CRLF file gets its line endings back.
  const crlf = text.includes("\r\n");
  let current = crlf ? text.replaceAll("\r\n", "\n") : text;
  for (const edit of edits) current = checkedEdit(current, format, edit);
  return crlf ? current.replaceAll("\n", "\r\n") : current;
}

// YAML has forms the text edit cannot handle (e.g. a key spelled with `?` and a comment); the
// result must read back as the old value with exactly this one change, or the user edits by hand.
function checkedEdit(text: string, format: "yaml" | "json", edit: LabEdit): string {
  const next = applyEdit(text, format, edit);
  const expected: unknown = parse(text);
  setPath(expected, edit.path, edit.value);
  let actual: unknown;
  try {
    actual = parse(next);
  } catch {
    actual = undefined;
  }
  if (!isDeepStrictEqual(actual, expected)) {
    const where = edit.path.join(".");
    throw new InputError(`cannot change ${where} in this lab file's layout without risk`, {
      code: "lab-file-edit",
      hint: `set ${where} to ${JSON.stringify(edit.value)} by hand; the file was not changed`,
    });
  }
  return next;
}

function setPath(root: unknown, path: readonly string[], value: LabScalar): void {
  let map = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const child = map[key];
    if (child === null || typeof child !== "object") map[key] = {};
    map = map[key] as Record<string, unknown>;
  }
  map[path.at(-1) ?? ""] = value;
}

function applyEdit(text: string, format: "yaml" | "json", { path, value }: LabEdit): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new InputError("the lab file does not parse; fix it before editing it", {
      code: "lab-file-syntax",
      details: doc.errors.map((error) => error.message.split("\n")[0] ?? ""),
    });
  }
  let map: unknown = doc.contents;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth] as string;
    if (!isMap(map)) throw notAMap(path.slice(0, depth));
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair === undefined) {
      return insertEntry(text, { format, map, path: path.slice(depth), value });
    }
    if (depth === path.length - 1) {
      if (!isScalar(pair.value) || pair.value.range === undefined || pair.value.range === null) {
        throw notAMap(path);
      }
      const [start, end] = pair.value.range;
      const quote = text[start] === '"' || text[start] === "'" ? text[start] : undefined;
      if (pair.value.type === "BLOCK_FOLDED" || pair.value.type === "BLOCK_LITERAL") {
        // A block scalar (`>-` / `|` and indented lines) ends after its last line's newline.
        const newline = text.slice(start, end).endsWith("\n") ? "\n" : "";
        return text.slice(0, start) + scalarText(value, format) + newline + text.slice(end);
      }
      return replaceKeepingComment(text, [start, end], scalarText(value, format, quote));
    }
    map = pair.value;
  }
  return text;
}

// A comment after the value keeps its column when the spaces before it allow.
function replaceKeepingComment(text: string, [start, end]: [number, number], next: string): string {
  const gap = /^ +(?=#)/.exec(text.slice(end))?.[0].length ?? 0;
  const width = gap === 0 ? 0 : Math.max(1, gap - (next.length - (end - start)));
  return text.slice(0, start) + next + " ".repeat(width) + text.slice(end + gap);
}

function insertEntry(
  text: string,
  {
    format,
    map,
    path,
    value,
  }: { format: "yaml" | "json"; map: YAMLMap; path: readonly string[]; value: LabScalar },
): string {
  const last = map.items.at(-1);
  const lastEnd = last === undefined ? undefined : (endOf(last.value) ?? endOf(last.key));
  if (map.flow === true || format === "json") {
    const entry = flowEntry(path, value, format);
    if (lastEnd !== undefined) return text.slice(0, lastEnd) + `, ${entry}` + text.slice(lastEnd);
    const open = map.range?.[0] ?? 0;
    return text.slice(0, open + 1) + ` ${entry} ` + text.slice(open + 1);
  }
  if (last === undefined || lastEnd === undefined) {
    throw notAMap(path);
  }
  // Every entry of a block map starts at the map's column (after any `- ` or `? ` before it).
  const mapStart = map.range?.[0] ?? 0;
  const indent = " ".repeat(mapStart - (text.lastIndexOf("\n", mapStart - 1) + 1));
  const lineEnd = endOfLine(text, lastEnd);
  const block = blockEntry(path, value, indent);
  const before = text.slice(0, lineEnd);
  const newline = before === "" || before.endsWith("\n") ? "" : "\n";
  return before + newline + block + text.slice(lineEnd);
}

function blockEntry(path: readonly string[], value: LabScalar, indent: string): string {
  const [key, ...rest] = path;
  if (rest.length === 0) return `${indent}${key}: ${scalarText(value, "yaml")}\n`;
  return `${indent}${key}:\n` + blockEntry(rest, value, `${indent}  `);
}

function flowEntry(path: readonly string[], value: LabScalar, format: "yaml" | "json"): string {
  const [key = "", ...rest] = path;
  const name = format === "json" ? JSON.stringify(key) : key;
  if (rest.length === 0) return `${name}: ${scalarText(value, format)}`;
  return `${name}: { ${flowEntry(rest, value, format)} }`;
}

/** A value as YAML or JSON text; strings that YAML would read as something else are quoted. */
function scalarText(value: LabScalar, format: "yaml" | "json", quote?: string): string {
  if (typeof value !== "string") return String(value);
  if (format === "json" || quote === '"') return JSON.stringify(value);
  if (quote === "'") return `'${value.replaceAll("'", "''")}'`;
  const plain = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) && parse(value) === value;
  return plain ? value : JSON.stringify(value);
}

function endOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  return range === undefined || range === null ? undefined : range[1];
}

// The end of the line holding `offset`, after its newline (or the end of the text).
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf("\n", Math.max(0, offset - 1));
  return newline < 0 ? text.length : newline + 1;
}

function notAMap(path: readonly string[]): InputError {
  return new InputError(`${path.join(".") || "the lab file"} is not a mapping; cannot edit it`, {
    code: "lab-file-edit",
  });
}

/**
 * Replaces a lab file with new text in one step: a temporary file beside it (same mode and, when
 * allowed, owner) is renamed over it, so a failure leaves the old file whole. A link is followed
 * to the file it points to.
 */
export async function replaceLabFile(path: string, text: string): Promise<void> {
  const real = await checkLabFileWritable(path);
  const { mode, uid, gid } = await stat(real);
  const temp = join(dirname(real), `.${basename(real)}.ztlab-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temp, text, { flag: "wx", mode: mode & 0o7777 });
    await chmod(temp, mode & 0o7777);
    // Only root may give a file away; anyone else writes files they own anyway.
    await chown(temp, uid, gid).catch(() => undefined);
    await rename(temp, real);
  } catch (error) {
    throw labFileUnwritable(path, error);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Fails as replaceLabFile would when the file or its directory cannot be written. */
export async function checkLabFileWritable(path: string): Promise<string> {
  try {
    const real = await realpath(path);
    await access(real, constants.W_OK);
    await access(dirname(real), constants.W_OK);
    return real;
  } catch (error) {
    throw labFileUnwritable(path, error);
  }
}

// The lab file is the user's input: one that cannot be written is exit 2 (a full disk, exit 1).
function labFileUnwritable(path: string, error: unknown): ZtlabError {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown";
  const Kind =
    code === "ENOSPC" || code === "EDQUOT" || code === "EIO" ? EnvironmentError : InputError;
  return new Kind(`${path}: cannot write the lab file (${code}); it was not changed`, {
    code: "lab-file-unwritable",
    cause: error,
    hint: "make it writable, or edit network.flow_rules by hand",
  });
}
