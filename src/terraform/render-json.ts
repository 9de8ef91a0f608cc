import { InternalError } from "../errors/index.js";
import { TfExpression, TfTemplate, type TfDocument, type TfValue } from "./terraform-model.js";

/**
 * Escapes literal text so Terraform's template engine yields it unchanged: `${` becomes `$${`
 * and `%{` becomes `%%{`. Backslashes need nothing: in JSON syntax only JSON's own escapes apply.
 */
export function escapeTemplateLiteral(text: string): string {
  // A replacer function, not a replacement string: in the latter `$$` means one `$`.
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** Plain JSON value of a model value: literals escaped, expressions wrapped in `${}`. */
export function toJsonValue(value: TfValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === "string") return escapeTemplateLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof TfExpression) return `\${${value.expression}}`;
  if (value instanceof TfTemplate) return renderTemplate(value);
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, TfValue | undefined>)) {
    if (item !== undefined) out[key] = toJsonValue(item);
  }
  return out;
}

/**
 * Deterministic JSON text of a document: keys sorted at every level, 2-space indent, final newline.
 * The `terraform` block holds no templates, so it is written as is.
 */
export function renderTerraformJson(doc: TfDocument): string {
  const { terraform, ...rest } = doc;
  const plain: Record<string, unknown> = toJsonValue(rest as TfValue) as Record<string, unknown>;
  if (terraform !== undefined) plain.terraform = terraform;
  return JSON.stringify(sortKeys(plain), null, 2) + "\n";
}

function renderTemplate(template: TfTemplate): string {
  const parts = mergeLiterals(template.parts);
  return parts
    .map((part, i) => {
      if (typeof part !== "string") return `\${${part.expression}}`;
      const next = parts[i + 1];
      return next === undefined ? escapeTemplateLiteral(part) : literalBeforeExpression(part);
    })
    .join("");
}

// Adjacent literals are joined first, so a `$` at the end of one and a `{` at the start of the
// next are escaped as the `${` they form together.
function mergeLiterals(parts: readonly (string | TfExpression)[]): (string | TfExpression)[] {
  const out: (string | TfExpression)[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (typeof part === "string" && typeof last === "string") out[out.length - 1] = last + part;
    else if (part !== "") out.push(part);
  }
  return out;
}

// Any `$` right before `${` escapes it (`$${` is literal `${`, Terraform 1.11 and OpenTofu alike),
// so a literal that ends in dollars hands them over as a quoted string inside an interpolation.
function literalBeforeExpression(text: string): string {
  const dollars = /\$+$/.exec(text)?.[0] ?? "";
  if (dollars === "") return escapeTemplateLiteral(text);
  const head = text.slice(0, text.length - dollars.length);
  return `${escapeTemplateLiteral(head)}\${${JSON.stringify(dollars)}}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof TfExpression || value instanceof TfTemplate) {
    throw new InternalError("unrendered Terraform expression", { code: "internal" });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
