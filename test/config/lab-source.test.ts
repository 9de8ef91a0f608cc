import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { findLabSource, loadLab, parseLabText } from "../../src/config/index.js";
import { InputError, ValidationError } from "../../src/errors/index.js";
import { makeTempDir } from "../helpers/run-cli.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/config");

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("findLabSource", () => {
  it.each([
    ["ztlab.yaml", "yaml"],
    ["ztlab.yml", "yaml"],
    ["ztlab.json", "json"],
    ["ztlab.config.ts", "ts"],
  ])("finds %s in the working directory", async (name, format) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, name), "");
    expect(findLabSource({ cwd: dir })).toEqual({ kind: "file", path: join(dir, name), format });
  });

  it("falls back to the built-in lab when the directory has no lab file", async () => {
    expect(findLabSource({ cwd: await makeTempDir() })).toEqual({ kind: "builtin" });
  });

  it("takes --config relative to the working directory over files present", async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, "labs"));
    await writeFile(join(dir, "ztlab.yaml"), "");
    await writeFile(join(dir, "labs/small.json"), "{}");
    expect(findLabSource({ cwd: dir, explicit: "labs/small.json" })).toEqual({
      kind: "file",
      path: join(dir, "labs/small.json"),
      format: "json",
    });
  });

  it.each([
    ["a missing file", "nope.yaml", /nope\.yaml does not exist/],
    ["a directory", ".", /is not a file/],
    ["an unknown file type", "lab.toml", /unknown lab file type/],
  ])("rejects --config naming %s", async (_name, explicit, message) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "lab.toml"), "");
    const error = await caught(() => findLabSource({ cwd: dir, explicit }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });

  it("refuses to guess between two lab files", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "ztlab.yaml"), "");
    await writeFile(join(dir, "ztlab.json"), "{}");
    const error = (await caught(() => findLabSource({ cwd: dir }))) as InputError;
    expect(error.message).toBe("two lab files here: ztlab.yaml, ztlab.json");
    expect(error.hint).toMatch(/--config/);
  });
});

describe("parseLabText", () => {
  const yaml = { kind: "file", path: "/labs/ztlab.yaml", format: "yaml" } as const;
  const json = { kind: "file", path: "/labs/ztlab.json", format: "json" } as const;

  it("locates fields by path, and a missing field at its parent", () => {
    const parsed = parseLabText("instances:\n  aws:\n    region: x\n", yaml);
    expect(parsed.locate(["instances", "aws", "region"])).toEqual({ line: 3, column: 13 });
    expect(parsed.locate(["instances", "aws", "size"])).toEqual({ line: 3, column: 5 });
  });

  it.each([
    ["an unclosed flow sequence", "a: [1,\nb: 2\n", 2],
    ["a tab-indented mapping", "network:\n\tname: x\n", 2],
    ["a duplicate key", "users: {}\nusers: {}\n", 2],
  ])("reports malformed YAML with its line: %s", (_name, text, line) => {
    const error = (() => {
      try {
        parseLabText(text, yaml);
      } catch (thrown) {
        return thrown as ValidationError;
      }
      throw new Error("accepted");
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("lab-file-syntax");
    expect(error.problems[0]?.message).toMatch(/^malformed YAML: /);
    expect(error.problems[0]?.line).toBe(line);
    expect(error.problems[0]?.column).toBeGreaterThan(0);
  });

  it.each([
    ["a trailing comma", '{"instances": {"do": {},}}', 1, 25, /property name expected/],
    ["a comment", '{\n  // note\n  "users": {}\n}', 2, 3, /comment/],
    ["a missing value", '{\n  "users":\n}', 3, 1, /value expected/],
    ["an unclosed object", '{"users": {}\n', 2, 1, /close brace expected/],
  ])("reports malformed JSON with line and column: %s", (_name, text, line, column, message) => {
    let error: ValidationError | undefined;
    try {
      parseLabText(text, json);
    } catch (thrown) {
      error = thrown as ValidationError;
    }
    expect(error?.problems).toEqual([
      { path: "", message: expect.stringMatching(message), line, column },
    ]);
    expect(error?.problems[0]?.message).toMatch(/^malformed JSON: /);
  });

  it.each([
    ["a list key", "? [a, b]: 1\n", [[1, 3, /^malformed YAML: a key that is a list or mapping/]]],
    [
      "a mapping key inside network and an alias to a mapping",
      "network:\n  ? {a: 1}\n  : x\nk: &k [1]\n? *k\n: 2\n",
      [
        [2, 5, /^malformed YAML: network has a key that is a list or mapping/],
        [5, 3, /^malformed YAML: a key that is a list or mapping/],
      ],
    ],
  ] as const)("reports %s as malformed YAML, emitting no process warning", (_name, text, where) => {
    const emitWarning = vi.spyOn(process, "emitWarning");
    onTestFinished(() => emitWarning.mockRestore());
    let error: ValidationError | undefined;
    try {
      parseLabText(text, yaml);
    } catch (thrown) {
      error = thrown as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.code).toBe("lab-file-syntax");
    expect(error?.problems).toEqual(
      where.map(([line, column, message]) => ({
        path: "",
        message: expect.stringMatching(message),
        line,
        column,
      })),
    );
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it("keeps number-looking text of text fields as written", async () => {
    const dir = await makeTempDir();
    await cp(join(FIXTURES, "commented.yaml"), join(dir, "ztlab.yaml"));
    const { config } = await loadLab({ cwd: dir });
    expect(config.devices).toEqual({
      phone: { member_id: "0123456789", description: "2024" },
      tablet: { member_id: "12e4567890", description: "" },
      watch: { member_id: "12e4567890", description: "" },
    });
    expect(config.instances.aws?.enabled).toBe("auto");
  });
});

describe("loadLab", () => {
  it("loads the built-in reference lab when no file is present", async () => {
    const loaded = await loadLab({ cwd: await makeTempDir() });
    expect(loaded.source).toEqual({ kind: "builtin" });
    expect(Object.keys(loaded.config.instances)).toHaveLength(9);
    expect(loaded.locate).toBeUndefined();
  });

  it("loads a typed ztlab.config.ts that imports defineLab from the package", async () => {
    const dir = await makeTempDir();
    await cp(join(FIXTURES, "typed/ztlab.config.ts"), join(dir, "ztlab.config.ts"));
    const loaded = await loadLab({ cwd: dir });
    expect(loaded.source).toMatchObject({ kind: "file", format: "ts" });
    expect(loaded.config.network.name).toBe("typed.lab");
    expect(loaded.config.network.flow_rules.mode).toBe("tee");
    expect(loaded.config.instances).toMatchObject({
      do: { size: "s-2vcpu-2gb", enabled: true },
      lin: { region: "eu-central" },
    });
  });

  it("validates a typed lab file like any other", async () => {
    const dir = await makeTempDir();
    const text = 'export default { instances: { aws: { ip_asignment: "10.0.2.1" } } };\n';
    await writeFile(join(dir, "ztlab.config.ts"), text);
    const error = (await caught(() => loadLab({ cwd: dir }))) as ValidationError;
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: "instances.aws.ip_asignment",
        message: 'unknown key; did you mean "ip_assignment"?',
      }),
    ]);
  });

  it.each([
    ["has no default export", "export const lab = {};\n", /no default export/],
    ["does not compile", "export default {;\n", /could not load the typed lab file/],
    ["throws while loading", 'throw new Error("boom");\n', /could not load the typed lab file/],
  ])("rejects a typed lab file that %s", async (_name, text, message) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "ztlab.config.ts"), text);
    const error = (await caught(() => loadLab({ cwd: dir }))) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });

  it("puts the position of each problem on it", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "ztlab.yml"), "instances:\n  do:\n    enabled: maybe\n");
    const error = (await caught(() => loadLab({ cwd: dir }))) as ValidationError;
    expect(error.problems).toEqual([
      { path: "instances.do.enabled", message: "must be true, false or auto", line: 3, column: 14 },
    ]);
    expect(error.source).toBe(join(dir, "ztlab.yml"));
  });
});
