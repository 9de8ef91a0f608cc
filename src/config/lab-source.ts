// Finding and parsing the lab file text, keeping positions so errors can point at line:column.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { LineCounter, isMap, isScalar, parseDocument, type Document } from "yaml";
import { InputError, ValidationError } from "../errors/index.js";

export const LAB_FILE_NAMES = ["ztlab.yaml", "ztlab.yml", "ztlab.json", "ztlab.config.ts"];

export type LabSource =
  { kind: "builtin" } | { kind: "file"; path: string; format: "yaml" | "json" | "ts" };

/** A parsed lab file: the raw value, and (for YAML/JSON) a way back from field paths to positions. */
export interface ParsedLab {
  source: LabSource;
  value: unknown;
  /** The original text, for edits that must keep comments and layout. */
  text?: string;
  locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;
}

/** The lab file named by `--config`, else the first of LAB_FILE_NAMES in `cwd`, else the built-in lab. */
export function findLabSource({ cwd, explicit }: { cwd: string; explicit?: string }): LabSource {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new InputError(`--config: ${explicit} does not exist`, { code: "lab-file-missing" });
    }
    return { kind: "file", path, format: formatOf(path) };
  }
  for (const name of LAB_FILE_NAMES) {
    const path = join(cwd, name);
    if (existsSync(path)) return { kind: "file", path, format: formatOf(path) };
  }
  return { kind: "builtin" };
}

export async function parseLabFile(source: LabSource & { kind: "file" }): Promise<ParsedLab> {
  if (source.format === "ts") return importTypedLab(source);
  const text = await readFile(source.path, "utf8");
  return parseLabText(text, source);
}

/** YAML and JSON both go through the YAML parser: JSON is YAML, and it reports line:column. */
export function parseLabText(text: string, source: LabSource & { kind: "file" }): ParsedLab {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      const what = source.format === "json" ? "JSON" : "YAML";
      return {
        path: "",
        message: `malformed ${what}: ${firstLine(error.message)}`,
        ...columnOf(pos),
      };
    });
    throw new ValidationError(problems, { source: source.path, code: "lab-file-syntax" });
  }
  const locate = (path: readonly PropertyKey[]) => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : columnOf(lineCounter.linePos(offset));
  };
  return { source, value: doc.toJS() ?? {}, text, locate };
}

function columnOf(pos: { line: number; col: number }) {
  return { line: pos.line, column: pos.col };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

// Walks the path as far as it exists; a missing key points at its parent.
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(key),
    );
    if (pair === undefined) break;
    offset = rangeStart(pair.key) ?? offset;
    node = pair.value;
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

async function importTypedLab(source: LabSource & { kind: "file" }): Promise<ParsedLab> {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url, { moduleCache: false });
  let value: unknown;
  try {
    value = await jiti.import(source.path, { default: true });
  } catch (error) {
    throw new InputError(`${source.path}: could not load the typed lab file`, {
      code: "lab-file-syntax",
      cause: error,
      details: [firstLine(error instanceof Error ? error.message : String(error))],
    });
  }
  return { source, value, locate: () => undefined };
}

function formatOf(path: string): "yaml" | "json" | "ts" {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".ts" || ext === ".mts") return "ts";
  return "yaml";
}
