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
});
