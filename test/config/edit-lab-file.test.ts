import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { editLabText, STARTER_LAB_YAML } from "../../src/config/index.js";

const MODE = ["network", "flow_rules", "mode"];
const TAP = ["network", "flow_rules", "tap"];
const DROP = ["network", "flow_rules", "drop_non_ip"];

function changedLines(before: string, after: string): number[] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

describe("editLabText", () => {
  it("changes only the mode line of the starter lab and keeps its comment column", () => {
    const after = editLabText(STARTER_LAB_YAML, {
      format: "yaml",
      edits: [{ path: MODE, value: "watch" }],
    });
    const modeLine = STARTER_LAB_YAML.split("\n").findIndex((l) => l.includes("mode: off")) + 1;
    expect(changedLines(STARTER_LAB_YAML, after)).toEqual([modeLine]);
    expect(after.split("\n")[modeLine - 1]).toBe(
      "    mode: watch                   # off | tee (copy every frame) | watch (copy inbound frames)",
    );
    expect(parse(after).network.flow_rules).toEqual({
      mode: "watch",
      tap: "do",
      drop_non_ip: false,
    });
  });

  it("changes the three values on their own lines only", () => {
    const after = editLabText(STARTER_LAB_YAML, {
      format: "yaml",
      edits: [
        { path: MODE, value: "tee" },
        { path: TAP, value: "aws" },
        { path: DROP, value: true },
      ],
    });
    expect(changedLines(STARTER_LAB_YAML, after)).toHaveLength(3);
    expect(parse(after).network.flow_rules).toEqual({ mode: "tee", tap: "aws", drop_non_ip: true });
  });

  it("keeps the quote style of a quoted value", () => {
    const text = "network:\n  flow_rules:\n    mode: 'off' # was off\n    tap: \"do\"\n";
    const after = editLabText(text, {
      format: "yaml",
      edits: [
        { path: MODE, value: "tee" },
        { path: TAP, value: "gcp" },
      ],
    });
    expect(after).toBe("network:\n  flow_rules:\n    mode: 'tee' # was off\n    tap: \"gcp\"\n");
  });

  it("inserts a missing key after the last entry of its map with the same indentation", () => {
    const text = "network:\n    name: x   # name\n    flow_rules:\n        mode: off\nusers: {}\n";
    const after = editLabText(text, { format: "yaml", edits: [{ path: DROP, value: true }] });
    expect(after).toBe(
      "network:\n    name: x   # name\n    flow_rules:\n        mode: off\n        drop_non_ip: true\nusers: {}\n",
    );
  });

  it("creates missing parent maps in block style", () => {
    const after = editLabText("network:\n  name: x # n\nusers: {}\n", {
      format: "yaml",
      edits: [{ path: MODE, value: "watch" }],
    });
    expect(after).toBe("network:\n  name: x # n\n  flow_rules:\n    mode: watch\nusers: {}\n");
  });

  it("edits flow-style YAML maps in place", () => {
    const after = editLabText("network: { name: x, flow_rules: { mode: off } }\n", {
      format: "yaml",
      edits: [
        { path: MODE, value: "tee" },
        { path: TAP, value: "do" },
      ],
    });
    expect(after).toBe("network: { name: x, flow_rules: { mode: tee, tap: do } }\n");
  });

  it("edits JSON with JSON quoting and inserts missing keys inline", () => {
    const text = '{\n  "network": {\n    "flow_rules": { "mode": "off" }\n  }\n}\n';
    const after = editLabText(text, {
      format: "json",
      edits: [
        { path: MODE, value: "watch" },
        { path: DROP, value: false },
      ],
    });
    expect(after).toBe(
      '{\n  "network": {\n    "flow_rules": { "mode": "watch", "drop_non_ip": false }\n  }\n}\n',
    );
    expect(JSON.parse(after)).toBeTruthy();
  });

  it("quotes a string YAML would otherwise read as another type", () => {
    const after = editLabText("network:\n  flow_rules:\n    tap: do\n", {
      format: "yaml",
      edits: [{ path: TAP, value: "true" }],
    });
    expect(after).toBe('network:\n  flow_rules:\n    tap: "true"\n');
  });

  it("refuses a file that does not parse and a path through a non-map", () => {
    expect(() =>
      editLabText("network: [\n", { format: "yaml", edits: [{ path: MODE, value: "tee" }] }),
    ).toThrow(/does not parse/);
    expect(() =>
      editLabText("network: 5\n", { format: "yaml", edits: [{ path: MODE, value: "tee" }] }),
    ).toThrow(/network is not a mapping/);
  });

  it("keeps CRLF line endings, in replaced and inserted lines", () => {
    const text = "network:\r\n  flow_rules:\r\n    mode: off\r\n";
    const after = editLabText(text, {
      format: "yaml",
      edits: [
        { path: MODE, value: "tee" },
        { path: TAP, value: "aws" },
      ],
    });
    expect(after).toBe("network:\r\n  flow_rules:\r\n    mode: tee\r\n    tap: aws\r\n");
  });

  it("replaces a folded block scalar value, keeping the next line", () => {
    const text = "network:\n  flow_rules:\n    mode: >-\n      off\n    tap: do\n";
    const after = editLabText(text, { format: "yaml", edits: [{ path: MODE, value: "tee" }] });
    expect(after).toBe("network:\n  flow_rules:\n    mode: tee\n    tap: do\n");
  });

  it("edits and inserts beside explicit `? key` entries at the map's indentation", () => {
    const text = "network:\n  flow_rules:\n    ? mode\n    : off\n    ? tap\n    : do\n";
    const after = editLabText(text, {
      format: "yaml",
      edits: [
        { path: TAP, value: "aws" },
        { path: DROP, value: true },
      ],
    });
    expect(after).toBe(
      "network:\n  flow_rules:\n    ? mode\n    : off\n    ? tap\n    : aws\n    drop_non_ip: true\n",
    );
  });

  it("refuses an edit that would change more than the one value, asking for a hand edit", () => {
    const text = "network:\n  flow_rules:\n    mode: &m off\nnote: *m\n";
    expect(() =>
      editLabText(text, { format: "yaml", edits: [{ path: MODE, value: "tee" }] }),
    ).toThrow(
      expect.objectContaining({
        code: "lab-file-edit",
        exitCode: 2,
        hint: 'set network.flow_rules.mode to "tee" by hand; the file was not changed',
      }),
    );
  });
});
