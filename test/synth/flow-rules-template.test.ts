import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/errors/index.js";
import type { PlannedFlowRules } from "../../src/plan/index.js";
import { flowRulesTemplate } from "../../src/synth/index.js";
import { TfExpression, toJsonValue } from "../../src/terraform/index.js";

const DROP = "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\n";

describe("flowRulesTemplate", () => {
  it.each([
    [{ mode: "off", tap: "do", dropNonIp: false }, "accept;\n"],
    [{ mode: "off", tap: undefined, dropNonIp: true }, `${DROP}accept;\n`],
    [
      { mode: "tee", tap: "web-1", dropNonIp: true },
      `${DROP}tee -1 \${zerotier_identity.instances["web-1"].id};\naccept;\n`,
    ],
    [
      { mode: "watch", tap: "1st", dropNonIp: false },
      `watch -1 \${zerotier_identity.instances["1st"].id} chr inbound;\naccept;\n`,
    ],
  ] as [PlannedFlowRules, string][])("renders %j as %j", (flowRules, text) => {
    expect(toJsonValue(flowRulesTemplate(flowRules))).toBe(text);
  });

  it("refers to the tap's identity with one expression and no literal node id", () => {
    const template = flowRulesTemplate({ mode: "tee", tap: "aws", dropNonIp: false });
    const expressions = template.parts.filter((part) => part instanceof TfExpression);
    expect(expressions).toEqual([new TfExpression('zerotier_identity.instances["aws"].id')]);
    expect(template.parts.filter((part) => typeof part === "string").join("")).not.toContain(
      "\u0000",
    );
  });

  it("keeps the off mode free of expressions even when a tap is named", () => {
    const template = flowRulesTemplate({ mode: "off", tap: "aws", dropNonIp: false });
    expect(template.parts.some((part) => part instanceof TfExpression)).toBe(false);
  });

  it.each(["tee", "watch"] as const)(
    "reports a bug of ours when mode %s has no tap node",
    (mode) => {
      let caught: unknown;
      try {
        flowRulesTemplate({ mode, tap: undefined, dropNonIp: false });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InternalError);
      expect(caught).toMatchObject({
        code: "internal",
        exitCode: 1,
        message: `flow rules mode ${mode} has no tap node`,
      });
    },
  );
});
