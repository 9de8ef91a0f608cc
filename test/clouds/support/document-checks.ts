// Structural checks on one node's document: references resolve, names carry the prefix.
import {
  TfExpression,
  TfTemplate,
  type TfBody,
  type TfDocument,
  type TfValue,
} from "../../../src/terraform/index.js";

// Provider prefixes of the resource types the modules emit.
const TYPE_PREFIXES = [
  "aws",
  "google",
  "azurerm",
  "oci",
  "ibm",
  "vultr",
  "alicloud",
  "hcloud",
  "linode",
];
const REFERENCE = new RegExp(
  `(?<![\\w."])((?:data\\.)?(?:${TYPE_PREFIXES.join("|")})_[a-z0-9_]+)\\.([A-Za-z_][A-Za-z0-9_-]*)`,
  "g",
);

/** Every expression text in a value, depth first. */
export function expressionsIn(value: TfValue | undefined): string[] {
  if (value instanceof TfExpression) return [value.expression];
  if (value instanceof TfTemplate) {
    return value.parts.flatMap((part) => (typeof part === "string" ? [] : [part.expression]));
  }
  if (Array.isArray(value)) return value.flatMap((item: TfValue) => expressionsIn(item));
  if (value !== null && typeof value === "object") {
    return Object.values(value as TfBody).flatMap((item) => expressionsIn(item));
  }
  return [];
}

/** `type.name` addresses that expressions and depends_on lists of the document refer to. */
export function referencedAddresses(doc: TfDocument): string[] {
  const found = new Set<string>();
  for (const body of blocks(doc)) {
    const texts = [...expressionsIn(body), ...dependsOn(body)];
    for (const text of texts) {
      for (const match of text.matchAll(REFERENCE)) found.add(`${match[1]}.${match[2]}`);
    }
  }
  return [...found].sort();
}

/** Addresses of every resource and data source the document declares. */
export function declaredAddresses(doc: TfDocument): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries(doc.data ?? {})) {
    for (const name of Object.keys(byName)) out.push(`data.${type}.${name}`);
  }
  return out.sort();
}

/** Referenced addresses the document does not declare. */
export function danglingReferences(doc: TfDocument): string[] {
  const declared = new Set(declaredAddresses(doc));
  return referencedAddresses(doc).filter((address) => !declared.has(address));
}

/** Resource and data names that do not start with the prefix. */
export function namesWithoutPrefix(doc: TfDocument, prefix: string): string[] {
  return declaredAddresses(doc)
    .map((address) => address.split(".").at(-1) ?? "")
    .filter((name) => !name.startsWith(prefix));
}

/** The body of the only resource of a type in the document. */
export function onlyResource(doc: TfDocument, type: string): TfBody {
  const bodies = Object.values(doc.resource?.[type] ?? {});
  if (bodies.length !== 1) throw new Error(`expected one ${type}, found ${bodies.length}`);
  return bodies[0] as TfBody;
}

export function resourcesOf(doc: TfDocument, type: string): TfBody[] {
  return Object.values(doc.resource?.[type] ?? {});
}

/** Text of a value that must be an expression. */
export function exprText(value: TfValue | undefined): string {
  if (!(value instanceof TfExpression)) throw new Error(`not an expression: ${String(value)}`);
  return value.expression;
}

function blocks(doc: TfDocument): TfBody[] {
  const out: TfBody[] = [];
  for (const section of [doc.resource, doc.data]) {
    for (const byName of Object.values(section ?? {})) out.push(...Object.values(byName));
  }
  return out;
}

function dependsOn(body: TfBody): string[] {
  const list = body.depends_on;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
}
