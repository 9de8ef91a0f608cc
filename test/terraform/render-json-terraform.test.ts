import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tfExpr, tfTemplate, toJsonValue, type TfExpression } from "../../src/terraform/index.js";
import { evaluateTemplates, hasTerraform } from "../helpers/terraform-eval.js";

const VALUES = { "a.x": "AAAA", 'b.y["k"].z': "0123456789" };

// Text Terraform's templates would misread if it were not escaped.
const TRICKY = ["$", "%", "{", "}", "$$", "${", "%{", "$${", "%%{", "~", "\\", '"', "\n", "é", "🛰"];

describe("toJsonValue with the real terraform binary", () => {
  it.skipIf(!hasTerraform)(
    "yields every literal byte for byte and each expression's value (terraform not installed)",
    async () => {
      const literal = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), {
        maxLength: 8,
      });
      const part = fc.oneof(
        literal.map((pieces) => pieces.join("")),
        fc.constantFrom(...Object.keys(VALUES)).map((expr) => tfExpr(expr)),
      );
      const samples = fc.sample(fc.array(part, { maxLength: 8 }), { numRuns: 60, seed: 2026 });
      samples.push(["$", tfExpr("a.x"), "$$", tfExpr("a.x"), "$${", "%%{", "$"]);

      const templates: Record<string, string> = {};
      const expected: Record<string, string> = {};
      samples.forEach((parts, i) => {
        templates[`t${i}`] = toJsonValue(tfTemplate(parts)) as string;
        expected[`t${i}`] = parts.map((p) => (typeof p === "string" ? p : valueOf(p))).join("");
      });
      expect(await evaluateTemplates(templates, VALUES)).toEqual(expected);
    },
  );
});

function valueOf(expression: TfExpression): string {
  return VALUES[expression.expression as keyof typeof VALUES];
}
