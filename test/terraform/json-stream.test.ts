import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLineSplitter } from "../../src/terraform/json-stream.js";

describe("createLineSplitter", () => {
  it("holds a partial line until the chunk that completes it arrives", () => {
    const splitter = createLineSplitter();
    expect(splitter.push('{"type":"ver')).toEqual([]);
    expect(splitter.push('sion"}\n{"type":')).toEqual(['{"type":"version"}']);
    expect(splitter.push('"log"}\n')).toEqual(['{"type":"log"}']);
    expect(splitter.flush()).toEqual([]);
  });

  it("returns several lines of one chunk in order and strips carriage returns", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("a\r\nb\n\nc")).toEqual(["a", "b", ""]);
    expect(splitter.flush()).toEqual(["c"]);
  });

  it("gives the unterminated last line on flush only once", () => {
    const splitter = createLineSplitter();
    splitter.push("tail");
    expect(splitter.flush()).toEqual(["tail"]);
    expect(splitter.flush()).toEqual([]);
  });
});

describe("createLineSplitter with multi-byte text", () => {
  // The engine runner decodes its pipes with setEncoding("utf8"); this reproduces that path.
  async function linesFromBytes(chunks: readonly Buffer[]): Promise<string[]> {
    const pipe = new PassThrough();
    pipe.setEncoding("utf8");
    const splitter = createLineSplitter();
    const lines: string[] = [];
    pipe.on("data", (chunk: string) => lines.push(...splitter.push(chunk)));
    const ended = new Promise((resolve) => pipe.on("end", resolve));
    for (const chunk of chunks) pipe.write(chunk);
    pipe.end();
    await ended;
    return [...lines, ...splitter.flush()];
  }

  it.each([
    ["a two-byte character", "Zürich"],
    ["a three-byte character", "lab → ready"],
    ["a four-byte character", "done 🚀 now"],
  ])("keeps %s whole when the bytes split inside it", async (_name, word) => {
    const bytes = Buffer.from(`{"@message":"${word}"}\nnext`, "utf8");
    const multiByteStart = bytes.findIndex((byte) => byte >= 0x80);
    const lines = await linesFromBytes([
      bytes.subarray(0, multiByteStart + 1),
      bytes.subarray(multiByteStart + 1),
    ]);
    expect(lines).toEqual([`{"@message":"${word}"}`, "next"]);
  });

  it("keeps every character when the bytes arrive one at a time", async () => {
    const text = "ä€😀\r\nπ";
    const bytes = Buffer.from(text, "utf8");
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await linesFromBytes(chunks)).toEqual(["ä€😀", "π"]);
  });

  it("joins a surrogate pair split between two string chunks", () => {
    const splitter = createLineSplitter();
    const rocket = "🚀";
    expect(splitter.push(`a${rocket[0]}`)).toEqual([]);
    expect(splitter.push(`${rocket[1]}b\n`)).toEqual([`a${rocket}b`]);
  });

  it("holds a line break split from its carriage return and still strips it", () => {
    const splitter = createLineSplitter();
    expect(splitter.push("line\r")).toEqual([]);
    expect(splitter.push("\nnext\r")).toEqual(["line"]);
    expect(splitter.flush()).toEqual(["next"]);
  });
});
