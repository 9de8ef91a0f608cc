// Finding and parsing the lab file text, keeping positions so errors can point at line:column.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { LineCounter, isMap, isScalar, parseDocument, type Document } from "yaml";
import { InputError, ValidationError, type ValidationProblem } from "../errors/index.js";
import { findCollectionKeys } from "./collection-keys.js";
import { checkJsonSyntax } from "./json-syntax.js";
import { toPlainData } from "./plain-data.js";
import { keepStringScalars } from "./string-scalars.js";
import { importTypedLab } from "./typed-lab.js";

export const LAB_FILE_NAMES = ["ztlab.yaml", "ztlab.yml", "ztlab.json", "ztlab.config.ts"];

export type LabFormat = "yaml" | "json" | "ts";

export type LabSource = { kind: "builtin" } | { kind: "file"; path: string; format: LabFormat };

/** Where a field's value (or with `atKey`, its key) sits in the lab file, 1-based. */
export type Locate = (
  path: readonly PropertyKey[],
  options?: { atKey?: boolean },
) => { line: number; column: number } | undefined;

/** A parsed lab file: the raw value, and (for YAML/JSON) a way back from field paths to positions. */
export interface ParsedLab {
  source: LabSource;
  value: unknown;
  /** The original text, for edits that must keep comments and layout. */
  text?: string;
  locate: Locate;
}

const FORMATS: Readonly<Record<string, LabFormat>> = {
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
  ".ts": "ts",
  ".mts": "ts",
  ".js": "ts",
  ".mjs": "ts",
};

/** The lab file named by `--config`, else the lab file in `cwd`, else the built-in lab. */
export function findLabSource({ cwd, explicit }: { cwd: string; explicit?: string }): LabSource {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new InputError(`--config: ${explicit} does not exist`, { code: "lab-file-missing" });
    }
    if (!statSync(path).isFile()) {
      throw new InputError(`--config: ${explicit} is not a file`, { code: "lab-file-missing" });
    }
    return { kind: "file", path, format: formatOf(path) };
  }
  const present = LAB_FILE_NAMES.filter((name) => existsSync(join(cwd, name)));
  const [first, second] = present;
  if (second !== undefined) {
    throw new InputError(`two lab files here: ${present.join(", ")}`, {
      code: "lab-file-ambiguous",
      hint: "keep one, or choose with --config <path>",
    });
  }
  if (first === undefined) return { kind: "builtin" };
  const path = join(cwd, first);
  return { kind: "file", path, format: formatOf(path) };
}

export async function parseLabFile(source: LabSource & { kind: "file" }): Promise<ParsedLab> {
  if (source.format === "ts") {
    const value = toPlainData(await importTypedLab(source.path), { source: source.path });
    return { source, value, locate: () => undefined };
  }
  let text: string;
  try {
    text = await readFile(source.path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${source.path}`, {
      code: "lab-file-unreadable",
      cause: error,
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
  return parseLabText(text, source);
}

/**
 * JSON is checked strictly first (no trailing commas or comments); then YAML and JSON both go
 * through the YAML parser, which reports duplicate keys and keeps positions for every field.
 */
export function parseLabText(text: string, source: LabSource & { kind: "file" }): ParsedLab {
  const lineCounter = new LineCounter();
  const where = (offset: number) => columnOf(lineCounter.linePos(offset));
  const what = source.format === "json" ? "JSON" : "YAML";
  const malformed = (message: string) =>
    new ValidationError([{ path: "", message: `malformed ${what}: ${message}` }], {
      source: source.path,
      code: "lab-file-syntax",
    });
  const guarded = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      // Parsers recurse per nesting level and expand aliases; hostile input must stay an input error.
      if (error instanceof RangeError) throw malformed("nested too deeply to read");
      if (error instanceof ReferenceError) throw malformed(firstLine(error.message));
      throw error;
    }
  };
  const doc = guarded(() =>
    // logLevel "error": the parser's own warnings would go to process.emitWarning (stderr).
    parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: "error" }),
  );
  // After the first JSON error the parser mostly reports its echoes; the first one is the news.
  const jsonProblems =
    source.format === "json" ? guarded(() => checkJsonSyntax(text)).slice(0, 1) : [];
  const problems: ValidationProblem[] = [
    ...jsonProblems.map((problem) => ({
      path: "",
      message: `malformed JSON: ${problem.message}`,
      ...where(problem.offset),
    })),
    ...(jsonProblems.length > 0 ? [] : doc.errors).map((error) => ({
      path: "",
      message: `malformed ${what}: ${firstLine(error.message)}`,
      ...where(error.pos[0]),
    })),
  ];
  if (problems.length > 0) {
    throw new ValidationError(problems, { source: source.path, code: "lab-file-syntax" });
  }

  const collectionKeys = guarded(() => findCollectionKeys(doc));
  if (collectionKeys.length > 0) {
    throw new ValidationError(
      collectionKeys.map(({ path, offset }) => ({
        path: "",
        message: `malformed ${what}: ${path === "" ? "a" : `${path} has a`} key that is a list or mapping; keys must be plain names`,
        ...where(offset),
      })),
      { source: source.path, code: "lab-file-syntax" },
    );
  }
  if (source.format === "yaml") guarded(() => keepStringScalars(doc, text));
  const locate: Locate = (path, { atKey = false } = {}) => {
    const offset = offsetOf(doc, path, atKey);
    return offset === undefined ? undefined : where(offset);
  };
  const value = toPlainData(guarded(() => doc.toJS() as unknown) ?? {}, {
    source: source.path,
    prefix: `malformed ${what}: `,
  });
  return { source, value, text, locate };
}

function columnOf(pos: { line: number; col: number }) {
  return { line: pos.line, column: pos.col };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

// Walks the path as far as it exists; a missing key points at its parent.
function offsetOf(doc: Document, path: readonly PropertyKey[], atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, key] of path.entries()) {
    if (!isMap(node)) break;
    const pair = node.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(key),
    );
    if (pair === undefined) break;
    offset = rangeStart(pair.key) ?? offset;
    if (atKey && i === path.length - 1) break;
    node = pair.value;
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function formatOf(path: string): LabFormat {
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new InputError(`${basename(path)}: unknown lab file type`, {
      code: "lab-file-type",
      hint: "name it .yaml, .yml, .json or .ts",
    });
  }
  return format;
}
