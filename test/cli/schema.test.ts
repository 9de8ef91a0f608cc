import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { STARTER_LAB_YAML } from "../../src/config/index.js";
import { runCliIn } from "../helpers/run-cli.js";

describe("ztlab schema", () => {
  it("prints a JSON Schema that validates the starter lab and rejects unknown keys", async () => {
    const run = await runCliIn(["schema"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.title).toBe("ztlab lab file");
    const validate = new Ajv2020({ strict: true }).compile(schema);
    expect(validate(parse(STARTER_LAB_YAML))).toBe(true);
    expect(validate({ instances: { do: { sizee: "x" } } })).toBe(false);
  });

  it("rejects in the editor the keys and ids that ztlab plan rejects", async () => {
    const schema = JSON.parse((await runCliIn(["schema"])).stdout) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: true }).compile(schema);
    for (const lab of [
      "instances:\n  My_Node:\n    cloud: aws\n",
      "devices:\n  laptop:\n    member_id: a11c3411\n",
      "network:\n  name: '123.456'\n",
    ]) {
      const plan = await runCliIn(["plan"], { files: { "ztlab.yaml": lab } });
      expect(plan.code).toBe(2);
      expect(validate(parse(lab)), lab).toBe(false);
    }
  });
});
