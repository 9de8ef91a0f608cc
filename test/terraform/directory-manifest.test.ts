import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, InternalError } from "../../src/errors/index.js";
import {
  checkFileName,
  manifestText,
  MANIFEST_NAME,
  parseManifest,
} from "../../src/terraform/directory-manifest.js";

const DIR = "/labs/out";

function rejection(text: string): InputError {
  try {
    parseManifest(DIR, text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`accepted ${text}`);
}

describe("parseManifest", () => {
  it("returns the listed files of a manifest ztlab wrote, ignoring keys it does not know", () => {
    const text = JSON.stringify({
      generator: "ztlab",
      files: ["zerotier.tf.json", "node-1st.tf.json", "A_b-1.x.tf.json"],
      written: "2026-01-01",
    });
    expect(parseManifest(DIR, text)).toEqual({
      generator: "ztlab",
      files: ["zerotier.tf.json", "node-1st.tf.json", "A_b-1.x.tf.json"],
    });
  });

  it("accepts a manifest listing no file", () => {
    expect(parseManifest(DIR, '{"generator":"ztlab","files":[]}').files).toEqual([]);
  });

  it.each([
    ["text that is not JSON", "{generator: ztlab"],
    ["an empty file", ""],
    ["null", "null"],
    ["a bare string", '"ztlab"'],
    ["a list", '["a.tf.json"]'],
    ["files as an object", '{"generator":"ztlab","files":{"0":"a.tf.json"}}'],
    ["files missing", '{"generator":"ztlab"}'],
  ])("rejects %s as having no list of files, naming the manifest, exit 2", (_shape, text) => {
    const error = rejection(text);
    expect(error.code).toBe("output-manifest-invalid");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${join(DIR, MANIFEST_NAME)}: not a valid ztlab manifest; nothing changed`,
    );
    expect(error.details).toEqual(["no list of files"]);
    expect(error.hint).toMatch(/remove the files ztlab wrote and the manifest/);
  });

  it.each([
    ["missing", { files: ["a.tf.json"] }],
    ["another tool", { generator: "cdktf", files: ["a.tf.json"] }],
    ["differently cased", { generator: "ZTLAB", files: ["a.tf.json"] }],
  ])("rejects a manifest whose generator is %s, with no file blamed", (_shape, manifest) => {
    const error = rejection(JSON.stringify(manifest));
    expect(error.code).toBe("output-manifest-invalid");
    expect(error.details).toEqual([]);
  });

  it.each([
    ["a dotted name", ".hidden.tf.json"],
    ["a leading hyphen", "-a.tf.json"],
    ["a double dot inside", "a..b.tf.json"],
    ["another suffix", "a.tf.json.bak"],
    ["an upper-case suffix", "a.TF.JSON"],
    ["a plain .tf file", "main.tf"],
    ["a space", "my file.tf.json"],
    ["a bare suffix", ".tf.json"],
    ["a backslash path", "sub\\a.tf.json"],
  ])("rejects a file with %s and names it", (_shape, name) => {
    const error = rejection(JSON.stringify({ generator: "ztlab", files: ["ok.tf.json", name] }));
    expect(error.details).toEqual([`not a file ztlab writes: ${JSON.stringify(name)}`]);
  });

  it("names entries that are not strings as written", () => {
    const error = rejection('{"generator":"ztlab","files":[3,null,{"a":1},["x.tf.json"]]}');
    expect(error.details).toEqual([
      "not a file ztlab writes: 3",
      "not a file ztlab writes: null",
      'not a file ztlab writes: {"a":1}',
      'not a file ztlab writes: ["x.tf.json"]',
    ]);
  });

  it("names at most five bad entries", () => {
    const files = Array.from({ length: 8 }, (_, i) => `../f${i}.tf.json`);
    const error = rejection(JSON.stringify({ generator: "ztlab", files }));
    expect(error.details).toHaveLength(5);
    expect(error.details[4]).toBe('not a file ztlab writes: "../f4.tf.json"');
  });
});

describe("checkFileName", () => {
  it.each([["a.tf.json"], ["node-1st.tf.json"], ["_x.tf.json"], ["Z9.tf.json"]])(
    "accepts %j",
    (name) => {
      expect(() => checkFileName(name)).not.toThrow();
    },
  );

  it.each([["../a.tf.json"], ["a/b.tf.json"], [""], ["x..tf.json"], [MANIFEST_NAME]])(
    "reports a bug of ours for %j, quoting it",
    (name) => {
      let caught: unknown;
      try {
        checkFileName(name);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InternalError);
      expect(caught).toMatchObject({
        code: "internal",
        exitCode: 1,
        message: `not a plain file name for a generated file: ${JSON.stringify(name)}`,
      });
    },
  );
});

describe("manifestText", () => {
  it("lists each name once, sorted, with a final newline", () => {
    const text = manifestText(["b.tf.json", "a.tf.json", "b.tf.json"]);
    expect(text).toBe(
      '{\n  "generator": "ztlab",\n  "files": [\n    "a.tf.json",\n    "b.tf.json"\n  ]\n}\n',
    );
  });

  it("writes what parseManifest reads back, for no file too", () => {
    for (const names of [[], ["z.tf.json", "node-do.tf.json"]]) {
      expect(parseManifest(DIR, manifestText(names)).files).toEqual([...names].sort());
    }
  });
});
