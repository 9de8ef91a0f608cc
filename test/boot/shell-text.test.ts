import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { joinParts, placeholder, sh, shellLiteral, shellQuote } from "../../src/boot/shell-text.js";

describe("sh", () => {
  it("turns an escaped dollar-brace into a shell expansion and keeps backslashes", () => {
    expect(sh`echo "\${HOME}" \
  '\n'`).toEqual(["echo \"${HOME}\" \\\n  '\\n'"]);
  });

  it("keeps placeholders as parts and merges neighbouring text", () => {
    const parts = sh`a=${"x"}'${placeholder("node-id")}'${["b", placeholder("network-id")]}`;
    expect(parts).toEqual(["a=x'", { kind: "node-id" }, "'b", { kind: "network-id" }]);
  });
});

describe("shellLiteral", () => {
  it("renders text with values and no placeholders", () => {
    expect(shellLiteral`x=\${y:-${"z"}}`).toBe("x=${y:-z}");
  });
});

describe("joinParts", () => {
  it("merges strings across lists and drops empty ones", () => {
    expect(joinParts([["a", ""], ["b", placeholder("node-id")], [""]])).toEqual([
      "ab",
      { kind: "node-id" },
    ]);
  });
});

describe("shellQuote", () => {
  it.each([["do"], ["bob's desktop"], ["$(reboot) `id` ${x} \\ \n"], [""]])(
    "makes bash read %j back unchanged",
    async (value) => {
      const script = `printf "%s" ${shellQuote(value)}`;
      const result = await execa("bash", ["-c", script], { stripFinalNewline: false });
      expect(result.stdout).toBe(value);
    },
  );
});
