import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REFERENCE_LAB, labJsonSchema } from "../../src/config/index.js";

describe("labJsonSchema", () => {
  const schema = labJsonSchema();
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

  it("is a draft 2020-12 schema that a strict validator compiles", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("ztlab lab file");
    expect(typeof validate).toBe("function");
  });

  it("accepts the reference lab and an empty lab", () => {
    expect(validate(REFERENCE_LAB), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it.each([
    ["an unknown top-level key", { instance: {} }],
    ["an unknown instance key", { instances: { aws: { ip_asignment: "10.0.2.1" } } }],
    ["an unknown cloud", { instances: { web: { cloud: "eqinix" } } }],
    ["enabled neither boolean nor auto", { instances: { do: { enabled: "yes" } } }],
    ["a device without member_id", { devices: { laptop: { description: "x" } } }],
    ["an unknown flow-rules mode", { network: { flow_rules: { mode: "copy" } } }],
  ])("rejects %s", (_name, lab) => {
    expect(validate(lab)).toBe(false);
  });

  it("describes fields for editor completion", () => {
    const text = JSON.stringify(schema);
    expect(text).toContain("Run zeronsd on this node");
    expect(text).toContain("OpenSSH public key");
  });
});
