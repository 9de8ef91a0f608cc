import { InternalError } from "../errors/index.js";
import { escapeTemplateLiteral, templateJsonText } from "./render-template.js";
import { TfExpression, TfTemplate, type TfDocument, type TfValue } from "./terraform-model.js";

/** Plain JSON value of a model value: literals escaped, expressions wrapped in `${}`. */
export function toJsonValue(value: TfValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === "string") return escapeTemplateLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof TfExpression) return `\${${value.expression}}`;
  if (value instanceof TfTemplate) return templateJsonText(value);
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  // Terraform reads the property names of a JSON object expression as templates too.
  const out = plainRecord();
  for (const [key, item] of Object.entries(value as Record<string, TfValue | undefined>)) {
    if (item !== undefined) out[escapeTemplateLiteral(key)] = toJsonValue(item);
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

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof TfExpression || value instanceof TfTemplate) {
    throw new InternalError("unrendered Terraform expression", { code: "internal" });
  }
  const out = plainRecord();
  for (const key of Object.keys(value).sort())
    out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

// No prototype, so a key such as `__proto__` is stored as an entry like any other.
function plainRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
