import { describe, expect, it } from "vitest";
import type { BootValueKind } from "../../src/boot/index.js";
import { bootUserData, bootValueReference } from "../../src/synth/index.js";
import { TfExpression, toJsonValue } from "../../src/terraform/index.js";

describe("bootValueReference", () => {
  it.each([
    ["identity-public", 'zerotier_identity.instances["web-1"].public_key'],
    ["identity-secret", 'zerotier_identity.instances["web-1"].private_key'],
    ["node-id", 'zerotier_identity.instances["web-1"].id'],
    ["network-id", "zerotier_network.demolab.id"],
    ["central-token", "zerotier_token.this.token"],
  ] as [BootValueKind, string][])("refers to %s as %s", (kind, expression) => {
    expect(bootValueReference("web-1", kind)).toEqual(new TfExpression(expression));
  });
});

describe("bootUserData", () => {
  it("keeps literal text and places each reference where its placeholder was", () => {
    const template = bootUserData({
      node: "do",
      parts: ["a ${X}\n", { kind: "node-id" }, { kind: "network-id" }, "$", { kind: "node-id" }],
    });
    expect(template.parts).toEqual([
      "a ${X}\n",
      new TfExpression('zerotier_identity.instances["do"].id'),
      new TfExpression("zerotier_network.demolab.id"),
      "$",
      new TfExpression('zerotier_identity.instances["do"].id'),
    ]);
    expect(toJsonValue(template)).toBe(
      'a $${X}\n${zerotier_identity.instances["do"].id}${zerotier_network.demolab.id}' +
        '${"$"}${zerotier_identity.instances["do"].id}',
    );
  });

  it("refers to the script's own node, not another", () => {
    const template = bootUserData({ node: "gcp", parts: [{ kind: "identity-secret" }] });
    expect(template.parts).toEqual([
      new TfExpression('zerotier_identity.instances["gcp"].private_key'),
    ]);
  });

  it("gives an empty template for a script without parts", () => {
    expect(toJsonValue(bootUserData({ node: "do", parts: [] }))).toBe("");
  });
});
