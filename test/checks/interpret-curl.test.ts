import { describe, expect, it } from "vitest";
import { interpretHttpStatus } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

describe("interpretHttpStatus on odd output", () => {
  it("passes a status followed by a line break", () => {
    expect(interpretHttpStatus(ran(0, "200\n"))).toEqual({ ok: true });
  });

  it("passes the status asked for instead of 200", () => {
    expect(interpretHttpStatus(ran(0, "301"), { expected: 301 })).toEqual({ ok: true });
    expect(interpretHttpStatus(ran(0, "200"), { expected: 301 }).reason).toBe(
      "HTTP 200, expected 301",
    );
  });

  it.each([
    ["empty output", ran(0), "curl failed: exit 0"],
    ["four digits", ran(0, "2000"), "curl failed: exit 0"],
    ["000 without a curl message", ran(35, "000"), "curl failed: exit 35"],
    [
      "a curl error this interpreter has no words for",
      ran(52, "000", "curl: (52) Empty reply from server\n"),
      "Empty reply from server",
    ],
    ["000 with odd stderr", ran(1, "000", "something broke\n"), "curl failed: something broke"],
  ])("fails %s", (_name, result, reason) => {
    expect(interpretHttpStatus(result)).toEqual({ ok: false, reason });
  });
});
