import { describe, expect, it } from "vitest";
import {
  escapeTemplateLiteral,
  renderTerraformJson,
  tfExpr,
  tfTemplate,
  toJsonValue,
} from "../../src/terraform/index.js";

describe("escapeTemplateLiteral", () => {
  it.each([
    ["echo ${HOME}", "echo $${HOME}"],
    ["%{ if x }", "%%{ if x }"],
    ["$${already}", "$$${already}"],
    ["%%{already}", "%%%{already}"],
    ["costs $5 and 50%", "costs $5 and 50%"],
    ['back\\slash "quoted"', 'back\\slash "quoted"'],
  ])("turns %j into %j", (text, escaped) => {
    expect(escapeTemplateLiteral(text)).toBe(escaped);
  });
});

describe("toJsonValue", () => {
  it("wraps expressions and escapes only the literal parts of a template", () => {
    const template = tfTemplate(["a ${b} ", tfExpr("x.y"), " %{c}"]);
    expect(toJsonValue(template)).toBe("a $${b} ${x.y} %%{c}");
  });

  it("joins adjacent literals before escaping a `${` split between them", () => {
    expect(toJsonValue(tfTemplate(["cost: $", "{X}"]))).toBe("cost: $${X}");
  });

  it("passes dollars right before an expression as a quoted string so they do not escape it", () => {
    expect(toJsonValue(tfTemplate(["p=$", tfExpr("a.b")]))).toBe('p=${"$"}${a.b}');
    expect(toJsonValue(tfTemplate(["p=$$", tfExpr("a.b")]))).toBe('p=${"$$"}${a.b}');
  });

  it("keeps null as null and drops undefined arguments", () => {
    expect(toJsonValue({ a: null, b: undefined, c: [1, null] })).toEqual({ a: null, c: [1, null] });
  });
});

describe("renderTerraformJson", () => {
  it("sorts keys at every level, indents by two spaces and ends with a newline", () => {
    const text = renderTerraformJson({
      resource: { b_type: { z: { y: 1, x: "${v}" } }, a_type: { n: { k: true } } },
      terraform: { required_providers: { z: { source: "z/z", version: "~> 1" } } },
    });
    expect(text).toMatchInlineSnapshot(`
      "{
        "resource": {
          "a_type": {
            "n": {
              "k": true
            }
          },
          "b_type": {
            "z": {
              "x": "$\${v}",
              "y": 1
            }
          }
        },
        "terraform": {
          "required_providers": {
            "z": {
              "source": "z/z",
              "version": "~> 1"
            }
          }
        }
      }
      "
    `);
  });

  it("gives the same bytes for the same document built in another key order", () => {
    const one = renderTerraformJson({ locals: { a: "1", b: tfExpr("c") }, output: {} });
    const two = renderTerraformJson({ output: {}, locals: { b: tfExpr("c"), a: "1" } });
    expect(one).toBe(two);
  });
});

describe("toJsonValue object keys", () => {
  it("escapes a key that reads as a template, as Terraform reads keys as templates", () => {
    expect(toJsonValue({ "a${b}": "1", "50%{x}": "2", plain: "3" })).toEqual({
      "a$${b}": "1",
      "50%%{x}": "2",
      plain: "3",
    });
  });

  it("keeps a `__proto__` key as an entry of its own", () => {
    const value = toJsonValue({ ["__proto__"]: { inner: "x" }, other: "y" });
    expect(Object.keys(value as object)).toEqual(["__proto__", "other"]);
    expect(renderTerraformJson({ locals: { ["__proto__"]: "x" } })).toContain('"__proto__": "x"');
  });
});

describe("renderTerraformJson errors", () => {
  it("reports a bug of ours when the terraform block holds an expression", () => {
    const doc = { terraform: { required_version: tfExpr("x") } } as unknown as Parameters<
      typeof renderTerraformJson
    >[0];
    expect(() => renderTerraformJson(doc)).toThrow(
      expect.objectContaining({ code: "internal", exitCode: 1 }),
    );
  });
});
