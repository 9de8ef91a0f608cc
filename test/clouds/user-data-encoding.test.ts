import { describe, expect, it } from "vitest";
import { encodeUserData } from "../../src/clouds/user-data-encoding.js";
import { hclQuotedTemplate } from "../../src/terraform/index.js";
import { encodedUserDataSize } from "../../src/clouds/user-data-size.js";
import { tfExpr, tfTemplate, TfTemplate } from "../../src/terraform/index.js";
import { scriptThroughTerraform } from "./support/encoding-round-trip.js";
import { SECRET_VALUE, TEST_SCRIPT, TEST_TEMPLATE } from "./support/lab-fixture.js";
import { applyAndReadOutput, hasTerraform } from "./support/terraform-binary.js";
import { renderTerraformJson } from "../../src/terraform/index.js";

const secret = tfExpr("local.secret");

describe("encodeUserData", () => {
  it("returns the template itself for plain user-data", () => {
    expect(encodeUserData(TEST_TEMPLATE, "plain")).toBe(TEST_TEMPLATE);
  });

  it.each([
    ["base64", "base64encode("],
    ["base64gzip", "base64gzip("],
  ] as const)("wraps the template in a Terraform call for %s", (encoding, call) => {
    const value = encodeUserData(TEST_TEMPLATE, encoding);
    expect(value).not.toBeInstanceOf(TfTemplate);
    expect(JSON.stringify(value)).toContain(call);
  });

  it.skipIf(!hasTerraform).each(["plain", "base64", "base64gzip"] as const)(
    "round-trips the test script through terraform with %s",
    (encoding) => {
      const argument = encodeUserData(TEST_TEMPLATE, encoding);
      expect(scriptThroughTerraform(argument, encoding)).toBe(TEST_SCRIPT);
    },
  );

  it.skipIf(!hasTerraform).each([
    ["a dollar ending one literal and a brace opening the next", ["x$", "{HOME}"], "x${HOME}"],
    ["dollars right before a live value", ["cost $$", secret, "!"], `cost $$${SECRET_VALUE}!`],
    ["a percent right before a brace across parts", ["%", "{ if }"], "%{ if }"],
    ["an escaped-looking $${ in the literal", ["$${x} %%{y}"], "$${x} %%{y}"],
    ["quotes, backslashes and unicode", ['"\\n" é ✓ \u0000'], '"\\n" é ✓ \u0000'],
    ["only a live value", [secret], SECRET_VALUE],
    ["nothing", [], ""],
  ])("keeps %s intact inside base64encode", (_shape, parts, expected) => {
    const argument = encodeUserData(tfTemplate(parts), "base64");
    expect(scriptThroughTerraform(argument, "base64")).toBe(expected);
  });
});

describe("hclQuotedTemplate", () => {
  it("escapes literal text for a quoted HCL template and keeps interpolations live", () => {
    const quoted = hclQuotedTemplate(tfTemplate(['say "hi"\n${a} %{b} $', secret]));
    expect(quoted).toBe('"say \\"hi\\"\\n$${a} %%{b} ${"$"}${local.secret}"');
  });
});

describe("encodedUserDataSize", () => {
  it("counts plain scripts in UTF-8 bytes and base64 as four per three", () => {
    expect(encodedUserDataSize("é", "plain")).toBe(2);
    expect(encodedUserDataSize("abcd", "base64")).toBe(8);
  });

  it.skipIf(!hasTerraform)("estimates base64gzip within 2% of what terraform produces", () => {
    const script =
      "#!/bin/bash\n" + Array.from({ length: 300 }, (_, i) => `echo step ${i}\n`).join("");
    const doc = {
      output: { value: { value: encodeUserData(tfTemplate([script]), "base64gzip") } },
    };
    const actual = applyAndReadOutput(renderTerraformJson(doc)).length;
    const estimate = encodedUserDataSize(script, "base64gzip");
    expect(Math.abs(estimate - actual) / actual).toBeLessThan(0.02);
  });
});
