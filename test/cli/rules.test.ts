import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REFERENCE_LAB } from "../../src/config/index.js";
import { runCli } from "../../src/cli/program.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "ztlab-cli-rules-"));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

// Runs ztlab in-process with captured output and the given text on stdin.
async function ztlab(argv: string[], stdin = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const code = await runCli(argv, {
    cwd,
    env: {},
    stdout,
    stderr,
    stdin: Readable.from([stdin]),
  });
  return { code, stdout: out, stderr: err };
}

describe("ztlab rules check", () => {
  it("prints ok and a summary of rules, tags and capabilities", async () => {
    const program = "tag team id 1 enum 1 red;\ncap ops id 7 accept;\n;\ndrop vlan 2;\naccept;\n";
    await writeFile(join(cwd, "lab.rules"), program);
    const run = await ztlab(["rules", "check", "lab.rules"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "ok\n3 rule entries (2 actions, 1 match)\n1 tag: team\n1 capability: ops\n",
    );
    expect(run.stderr).toBe("");
  });

  it("reads the program from stdin with -", async () => {
    const run = await ztlab(["rules", "check", "-"], "accept;\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("ok\n1 rule entry (1 action, 0 matches)\n0 tags\n0 capabilities\n");
  });

  it("warns at the stray line after a bare accept;, not at the accept", async () => {
    const run = await ztlab(["rules", "check", "-"], "accept;\nfoo bar baz\n");
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n")[0]).toBe(
      '<stdin>:2:1: warning: "foo bar baz" after "accept;" has no closing ";" and ' +
        'ZeroTier\'s compiler drops it; "foo" is not an action or directive',
    );
  });

  it("quotes a window of a megabyte line and lists at most 50 errors", async () => {
    const huge = "accept " + "x".repeat(3_400_000) + ";\n" + "accept vlan x;\n".repeat(80);
    const run = await ztlab(["rules", "check", "-"], huge);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain("internal");
    expect(run.stderr.length).toBeLessThan(30_000);
    expect(run.stderr.split("\n").slice(0, 3)).toEqual([
      '<stdin>:1:8: error: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." is not a match keyword',
      `  1 | accept ${"x".repeat(113)}...`,
      `    |        ${"^".repeat(113)}`,
    ]);
    expect(run.stderr).toContain("... and 31 more errors\n<stdin>: 81 errors\n");
  });

  it("prints the compiled JSON in the reference compiler's shape with --json", async () => {
    const run = await ztlab(["rules", "check", "-", "--json"], "tee -1 8bd5124fd6;\naccept;");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      JSON.stringify(
        {
          config: {
            rules: [
              { type: "ACTION_TEE", address: "8bd5124fd6", length: -1 },
              { type: "ACTION_ACCEPT" },
            ],
            capabilities: [],
            tags: [],
          },
          capabilitiesByName: {},
          tagsByName: {},
        },
        null,
        1,
      ) + "\n",
    );
  });

  it("exits 2 and prints each error with its line excerpt on stderr", async () => {
    const run = await ztlab(["rules", "check", "-"], "drop not ethertype ipv4;;\naccept;\n");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        '<stdin>:1:20: error: ethertype must be a number (decimal or 0x hex), got "ipv4;"',
        "  1 | drop not ethertype ipv4;;",
        "    |                    ^^^^^",
        '  hint: a word loses only one ";": ";;" ends one rule and leaves a ";" in the value; write "; ;"',
        "<stdin>: 1 error",
        "",
      ].join("\n"),
    );
  });

  it("sends warnings to stderr and keeps stdout for the JSON", async () => {
    const run = await ztlab(["rules", "check", "-", "--json"], "accept dport 80x;\n");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).config.rules[0]).toMatchObject({ start: 80, end: 80 });
    expect(run.stderr).toContain('<stdin>:1:14: warning: port range "80x" is read as 80');
  });

  it("prints the errors as JSON on stdout with --json", async () => {
    const run = await ztlab(["rules", "check", "-", "--json"], "acept;\n");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors).toMatchObject([
      { severity: "error", code: "unknown-directive", line: 1, column: 1, referenceLine: 1 },
    ]);
  });

  it("fails on warnings with --strict", async () => {
    const run = await ztlab(["rules", "check", "-", "--strict"], "accept chr inbound,multicast;\n");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: ZeroTier's compiler turns");
  });

  it("exits 2 naming the file when it cannot be read", async () => {
    const run = await ztlab(["rules", "check", "missing.rules"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read");
    expect(run.stderr).toContain("missing.rules");
  });
});

describe("ztlab rules show", () => {
  it("prints only the compilable program on stdout and the meaning on stderr", async () => {
    const lab = structuredClone(REFERENCE_LAB);
    lab.network = { ...lab.network, flow_rules: { mode: "watch", tap: "do", drop_non_ip: false } };
    await writeFile(join(cwd, "ztlab.json"), JSON.stringify(lab));
    const run = await ztlab(["rules", "show"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "# tap: do (node id known after apply; 0000000000 stands in)\n" +
        "watch -1 0000000000 chr inbound;\naccept;\n",
    );
    expect(run.stderr).toBe("watch: inbound frames of every member are copied to do (10.0.1.1)\n");
    const checked = await ztlab(["rules", "check", "-", "--strict"], run.stdout);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toBe("");
  });

  it("shows the built-in lab's rules when there is no lab file", async () => {
    const run = await ztlab(["rules", "show", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      mode: "off",
      tap: "do",
      drop_non_ip: false,
      rules: "accept;\n",
      meaning: "off: all traffic is accepted, nothing is copied",
    });
  });
});

describe("ztlab rules check without a file", () => {
  it("checks the lab's own rules program", async () => {
    const lab = structuredClone(REFERENCE_LAB);
    lab.network = { ...lab.network, flow_rules: { mode: "tee", tap: "do", drop_non_ip: true } };
    await writeFile(join(cwd, "ztlab.json"), JSON.stringify(lab));
    const run = await ztlab(["rules", "check"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("ok\n6 rule entries (3 actions, 3 matches)\n0 tags\n0 capabilities\n");
  });
});
