import { describe, expect, it } from "vitest";
import {
  hclQuotedTemplate,
  templateJsonText,
  tfExpr,
  tfTemplate,
  type TfExpression,
} from "../../src/terraform/index.js";
import { evaluateTemplates, hasTerraform } from "../helpers/terraform-eval.js";

const a = tfExpr("a.x");
const b = tfExpr("b.y");

type Parts = (string | TfExpression)[];

// Shapes where a literal meets an expression or another literal; [parts, JSON form, HCL form].
const SHAPES: [string, Parts, string, string][] = [
  ["two expressions side by side", [a, b], "${a.x}${b.y}", '"${a.x}${b.y}"'],
  ["expressions around an empty literal", [a, "", b], "${a.x}${b.y}", '"${a.x}${b.y}"'],
  ["a trailing dollar after an expression", [a, "$"], "${a.x}$", '"${a.x}$"'],
  ["trailing dollars with no expression", ["cost $$"], "cost $$", '"cost $$"'],
  ["a lone dollar between expressions", [a, "$", b], '${a.x}${"$"}${b.y}', '"${a.x}${"$"}${b.y}"'],
  ["three dollars before an expression", ["$$$", a], '${"$$$"}${a.x}', '"${"$$$"}${a.x}"'],
  ["a percent before an expression", ["50%", a], "50%${a.x}", '"50%${a.x}"'],
  ["a `%` and `{` split across literals", ["%", "{x}", a], "%%{x}${a.x}", '"%%{x}${a.x}"'],
  ["a `$` and `{` split across literals", [a, "$", "{x}"], "${a.x}$${x}", '"${a.x}$${x}"'],
  ["an escaped-looking literal before an expression", ["$${", a], "$$${${a.x}", '"$$${${a.x}"'],
  ["a `{` right after an expression", [a, "{x}"], "${a.x}{x}", '"${a.x}{x}"'],
  ["nothing", [], "", '""'],
];

describe("templateJsonText", () => {
  it.each(SHAPES)("writes %s", (_shape, parts, json) => {
    expect(templateJsonText(tfTemplate(parts))).toBe(json);
  });
});

describe("hclQuotedTemplate", () => {
  it.each(SHAPES)("writes %s", (_shape, parts, _json, hcl) => {
    expect(hclQuotedTemplate(tfTemplate(parts))).toBe(hcl);
  });

  it.each([
    ["a tab and a carriage return", "a\tb\rc", '"a\\tb\\rc"'],
    ["a backslash before a dollar brace", "\\${x}", '"\\\\$${x}"'],
    ["control characters", "\u0001\u001f\u007f", '"\\u0001\\u001f\\u007f"'],
    ["unicode beyond the BMP", "🛰 é", '"🛰 é"'],
  ])("escapes %s for HCL", (_shape, text, hcl) => {
    expect(hclQuotedTemplate(tfTemplate([text]))).toBe(hcl);
  });
});

describe("both template forms read back by terraform", () => {
  // evaluateTemplates stores the n-th test value as local.v.k<n>; naming the references the same
  // way lets the HCL form, whose inner references it does not rewrite, read them too.
  const values = { "local.v.k0": "AAAA", "local.v.k1": "0123" };
  const x = tfExpr("local.v.k0");
  const y = tfExpr("local.v.k1");
  const cases: Parts[] = [
    [x, y],
    [x, "$", y],
    ["$$$", x, "$"],
    ["%", "{x} $", "{y}", x],
    ["$${", x, "%%{", y, "$$"],
    ['"q" \\ \n\t', x, "\u0001"],
  ];

  it.skipIf(!hasTerraform)(
    "yields the literal text and values byte for byte (terraform not installed)",
    async () => {
      const templates: Record<string, string> = {};
      const expected: Record<string, string> = {};
      cases.forEach((parts, i) => {
        const template = tfTemplate(parts);
        templates[`json${i}`] = templateJsonText(template);
        templates[`hcl${i}`] = `\${${hclQuotedTemplate(template)}}`;
        const text = parts
          .map((part) => (typeof part === "string" ? part : part === x ? "AAAA" : "0123"))
          .join("");
        expected[`json${i}`] = text;
        expected[`hcl${i}`] = text;
      });
      expect(await evaluateTemplates(templates, values)).toEqual(expected);
    },
  );
});
