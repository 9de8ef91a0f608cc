// Template text for Terraform: literal parts escaped, expressions interpolated. Two forms: a JSON
// string value (the JSON syntax's template), and an HCL quoted template for use inside an
// expression such as `base64gzip("...")`.
import type { TfExpression, TfTemplate } from "./terraform-model.js";

/**
 * Escapes literal text so Terraform's template engine yields it unchanged: `${` becomes `$${`
 * and `%{` becomes `%%{`. Backslashes need nothing: in JSON syntax only JSON's own escapes apply.
 */
export function escapeTemplateLiteral(text: string): string {
  // A replacer function, not a replacement string: in the latter `$$` means one `$`.
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** The template as the text of a JSON string value in a `*.tf.json` file. */
export function templateJsonText(template: TfTemplate): string {
  return renderParts(template, escapeTemplateLiteral);
}

/**
 * The template as an HCL quoted template string, for use inside an expression. Inside `${...}` the
 * JSON syntax hands the text to the native expression parser, so literal parts need HCL's string
 * escapes as well as `$${` / `%%{`; interpolated parts stay live.
 */
export function hclQuotedTemplate(template: TfTemplate): string {
  return `"${renderParts(template, escapeHclLiteral)}"`;
}

function renderParts(template: TfTemplate, escape: (text: string) => string): string {
  const parts = mergeLiterals(template.parts);
  return parts
    .map((part, i) => {
      if (typeof part !== "string") return `\${${part.expression}}`;
      return parts[i + 1] === undefined ? escape(part) : literalBeforeExpression(part, escape);
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
function literalBeforeExpression(text: string, escape: (text: string) => string): string {
  const dollars = /\$+$/.exec(text)?.[0] ?? "";
  if (dollars === "") return escape(text);
  return `${escape(text.slice(0, text.length - dollars.length))}\${"${dollars}"}`;
}

const HCL_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeHclLiteral(text: string): string {
  let out = "";
  for (const char of text) out += HCL_ESCAPES[char] ?? escapeControl(char);
  return escapeTemplateLiteral(out);
}

function escapeControl(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code !== 0x7f) return char;
  return `\\u${code.toString(16).padStart(4, "0")}`;
}
