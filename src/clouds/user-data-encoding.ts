// The first-boot script in the form a cloud's user-data argument takes. Encoding happens inside
// Terraform (base64encode / base64gzip), because the script holds values that exist only in state.
import { tfExpr, type TfExpression, type TfTemplate, type TfValue } from "../terraform/index.js";
import type { UserDataFormat } from "./cloud-module.js";

const FUNCTIONS: Readonly<Record<Exclude<UserDataFormat["encoding"], "plain">, string>> = {
  base64: "base64encode",
  base64gzip: "base64gzip",
};

/** The value of a user-data argument: the template as is, or a Terraform call encoding it. */
export function encodeUserData(
  template: TfTemplate,
  encoding: UserDataFormat["encoding"],
): TfValue {
  if (encoding === "plain") return template;
  return tfExpr(`${FUNCTIONS[encoding]}(${hclQuotedTemplate(template)})`);
}

/**
 * A template as an HCL quoted template string, for use inside an expression. Inside `${...}` the
 * JSON syntax hands the text to the native expression parser, so literal parts need HCL's string
 * escapes plus `$${` / `%%{`; interpolated parts stay live.
 */
export function hclQuotedTemplate(template: TfTemplate): string {
  const parts = mergeLiterals(template.parts);
  const body = parts
    .map((part, i) => {
      if (typeof part !== "string") return `\${${part.expression}}`;
      return parts[i + 1] === undefined ? escapeHclLiteral(part) : literalBeforeExpression(part);
    })
    .join("");
  return `"${body}"`;
}

// Adjacent literals are joined first, so a `$` ending one and a `{` opening the next are escaped
// as the `${` they form together.
function mergeLiterals(parts: readonly (string | TfExpression)[]): (string | TfExpression)[] {
  const out: (string | TfExpression)[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (typeof part === "string" && typeof last === "string") out[out.length - 1] = last + part;
    else if (part !== "") out.push(part);
  }
  return out;
}

// A `$` right before an interpolation would turn it into the literal escape `$${`, so trailing
// dollars are handed over as a quoted string of their own.
function literalBeforeExpression(text: string): string {
  const dollars = /\$+$/.exec(text)?.[0] ?? "";
  if (dollars === "") return escapeHclLiteral(text);
  return `${escapeHclLiteral(text.slice(0, -dollars.length))}\${"${dollars}"}`;
}

function escapeHclLiteral(text: string): string {
  let out = "";
  for (const char of text) out += ESCAPES[char] ?? escapeControl(char);
  // Replacer functions: in a replacement string `$$` would collapse to one `$`.
  return out.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeControl(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code !== 0x7f) return char;
  return `\\u${code.toString(16).padStart(4, "0")}`;
}
