import type { BootValue, BootValueKind } from "./boot-script.js";

export type ScriptPart = string | BootValue;

/** One step of a first-boot script: a header line is printed before its body runs. */
export interface BootStep {
  title: string;
  body: ScriptPart[];
}

type Interpolation = ScriptPart | readonly ScriptPart[];

/**
 * Shell text as written in the template, with `\${` standing for a literal `${` (so shell
 * parameter expansions read naturally) and interpolations kept as parts. Raw strings are used so
 * backslashes reach the shell unchanged.
 */
export function sh(strings: TemplateStringsArray, ...values: Interpolation[]): ScriptPart[] {
  const parts: ScriptPart[] = [];
  strings.raw.forEach((raw, i) => {
    pushPart(parts, unescapeRaw(raw));
    const value = values[i];
    if (value === undefined) return;
    for (const part of isPartList(value) ? value : [value]) pushPart(parts, part);
  });
  return parts;
}

/** Like `sh`, for text without placeholders. */
export function shellLiteral(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.raw.map((raw, i) => unescapeRaw(raw) + (values[i] ?? "")).join("");
}

export function placeholder(kind: BootValueKind): BootValue {
  return { kind };
}

/** Quotes a value for bash as one literal word; always quoted, since `do` is a keyword. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Joins part lists, merging neighbouring strings. */
export function joinParts(lists: readonly (readonly ScriptPart[])[]): ScriptPart[] {
  const parts: ScriptPart[] = [];
  for (const list of lists) for (const part of list) pushPart(parts, part);
  return parts;
}

function pushPart(parts: ScriptPart[], part: ScriptPart): void {
  const last = parts[parts.length - 1];
  if (typeof part === "string") {
    if (part === "") return;
    if (typeof last === "string") parts[parts.length - 1] = last + part;
    else parts.push(part);
    return;
  }
  parts.push({ kind: part.kind });
}

function unescapeRaw(raw: string): string {
  return raw.replaceAll("\\${", "${").replaceAll("\\`", "`");
}

function isPartList(value: Interpolation): value is readonly ScriptPart[] {
  return Array.isArray(value);
}
