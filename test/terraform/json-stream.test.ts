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
