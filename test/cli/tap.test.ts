import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REFERENCE_LAB, STARTER_LAB_YAML } from "../../src/config/index.js";
import { runZtlab } from "../helpers/cli-run.js";
import { canMakeImmutable, whileImmutable } from "../helpers/immutable.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "ztlab-cli-tap-"));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

// The starter lab file, comments and all, with only do and aws enabled.
const LAB_YAML = STARTER_LAB_YAML.replace(
  /^( {2}(?:gcp|azu|oci|ibm|vul|ali):\n(?: {4}.*\n)*? {4}enabled: )true/gm,
  "$1false",
);

async function writeLab(text = LAB_YAML, name = "ztlab.yaml"): Promise<string> {
  await writeFile(join(cwd, name), text);
  return text;
}

function changedLines(before: string, after: string): string[] {
  const old = before.split("\n");
  const next = after.split("\n");
  expect(next).toHaveLength(old.length);
  return next.filter((line, i) => line !== old[i]);
}

describe("ztlab tap", () => {
  it("edits only the mode line, shows old and new rules and re-synthesizes", async () => {
    const before = await writeLab();
    const run = await runZtlab(["tap", "watch", "--no-apply"], { cwd });
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);

    const after = await readFile(join(cwd, "ztlab.yaml"), "utf8");
    expect(changedLines(before, after)).toEqual([
      "    mode: watch                   # off | tee (copy every frame) | watch (copy inbound frames)",
    ]);
    expect(run.stdout).toBe(
      [
        "old rules (off):",
        "  accept;",
        "new rules (watch):",
        "  watch -1 <do> chr inbound;",
        "  accept;",
        "watch: inbound frames of every member are copied to do (10.0.1.1)",
        "to apply: terraform -chdir=ztlab-terraform apply -target=zerotier_network.demolab",
        "",
      ].join("\n"),
    );
    const zerotier = await readFile(join(cwd, "ztlab-terraform", "zerotier.tf.json"), "utf8");
    expect(zerotier).toContain('watch -1 ${zerotier_identity.instances[\\"do\\"].id} chr inbound;');
  });

  it("re-synthesizes without an auto node whose cloud has no credentials", async () => {
    await writeLab(LAB_YAML.replace(/^( {2}aws:\n(?: {4}.*\n)*? {4}enabled: )true/m, "$1auto"));
    const run = await runZtlab(["tap", "watch", "--no-apply"], { cwd, env: {} });
    expect(run.code).toBe(0);
    const files = await readdir(join(cwd, "ztlab-terraform"));
    expect(files).toContain("node-do.tf.json");
    expect(files).not.toContain("node-aws.tf.json");
  });

  it("changes tap and drop_non_ip on their own lines only", async () => {
    const before = await writeLab();
    const run = await runZtlab(["tap", "tee", "--to", "aws", "--drop-non-ip", "--no-apply"], {
      cwd,
    });
    expect(run.code).toBe(0);
    const after = await readFile(join(cwd, "ztlab.yaml"), "utf8");
    expect(changedLines(before, after)).toEqual([
      "    mode: tee                     # off | tee (copy every frame) | watch (copy inbound frames)",
      "    tap: aws                      # node that receives copied frames",
      "    drop_non_ip: true             # true drops frames that are not IPv4, ARP or IPv6",
    ]);
    expect(run.stdout).toContain("  tee -1 <aws>;");
  });

  it("turns drop_non_ip off again with --no-drop-non-ip and writes to --dir", async () => {
    await writeLab(LAB_YAML.replace("drop_non_ip: false", "drop_non_ip: true "));
    const run = await runZtlab(["tap", "watch", "--no-drop-non-ip", "--dir", "tf", "--no-apply"], {
      cwd,
    });
    expect(run.code).toBe(0);
    const after = await readFile(join(cwd, "ztlab.yaml"), "utf8");
    expect(after).toContain("    drop_non_ip: false            # true drops frames");
    expect(run.stdout).toContain("to apply: terraform -chdir=tf apply");
    expect(await readFile(join(cwd, "tf", "zerotier.tf.json"), "utf8")).toContain("watch -1");
  });

  it("inserts flow_rules keys that the lab file does not have", async () => {
    const text = LAB_YAML.replace(/^ {2}flow_rules:\n(?: {4}.*\n)+/m, "");
    await writeLab(text);
    const run = await runZtlab(["tap", "tee", "--no-apply"], { cwd });
    expect(run.code).toBe(0);
    const after = await readFile(join(cwd, "ztlab.yaml"), "utf8");
    expect(after).toBe(
      text.replace("    rfc4193: true\n", "    rfc4193: true\n  flow_rules:\n    mode: tee\n"),
    );
  });

  it("edits a JSON lab file and keeps it valid JSON", async () => {
    const lab = structuredClone(REFERENCE_LAB);
    for (const [name, node] of Object.entries(lab.instances ?? {})) node.enabled = name === "do";
    const text = JSON.stringify(lab, null, 2) + "\n";
    await writeLab(text, "ztlab.json");
    const run = await runZtlab(["tap", "watch", "--no-drop-non-ip", "--no-apply"], { cwd });
    expect(run.code).toBe(0);
    const after = await readFile(join(cwd, "ztlab.json"), "utf8");
    expect(after).toBe(text.replace('"mode": "off"', '"mode": "watch"'));
  });

  it("refuses the built-in lab and points to ztlab init", async () => {
    const run = await runZtlab(["tap", "watch", "--no-apply"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no lab file to edit");
    expect(run.stderr).toContain("ztlab init");
  });

  it.each([
    [["--to", "gcp"], 'node "gcp" is disabled'],
    [["--to", "nope"], 'no node "nope" in the lab'],
  ])("refuses %j and leaves the lab file as it was", async (flags, message) => {
    const before = await writeLab();
    const run = await runZtlab(["tap", "tee", ...flags, "--no-apply"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("choose one of: do, aws");
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toBe(before);
  });

  it("rejects an unknown mode before reading anything", async () => {
    const run = await runZtlab(["tap", "mirror"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("mirror");
  });

  it("says so and changes nothing when the lab is already in that mode", async () => {
    const before = await writeLab();
    const run = await runZtlab(["tap", "off", "--no-apply"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("already in mode off");
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toBe(before);
  });

  it("applies only the network resource through the engine", async () => {
    await writeLab();
    const bin = join(cwd, "bin");
    const log = join(cwd, "engine.log");
    await mkdir(bin);
    // Stands in for terraform: answers the version probe and records every other call.
    await writeFile(
      join(bin, "terraform"),
      [
        "#!/bin/sh",
        `echo "$*" >> '${log}'`,
        'if [ "$1" = "-version" ]; then echo \'{"terraform_version":"1.9.5"}\'; fi',
        "exit 0",
        "",
      ].join("\n"),
    );
    await chmod(join(bin, "terraform"), 0o755);
    const env = { PATH: bin, ZEROTIER_CENTRAL_TOKEN: "test-token" };
    const run = await runZtlab(["tap", "tee"], { cwd, env });
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("applied zerotier_network.demolab");
    const calls = (await readFile(log, "utf8")).trim().split("\n");
    expect(calls[0]).toBe("-version -json");
    expect(calls.some((call) => call.startsWith("init "))).toBe(true);
    const apply = calls.find((call) => call.startsWith("apply "));
    expect(apply).toContain("-target=zerotier_network.demolab");
    expect(apply?.match(/-target=/g)).toHaveLength(1);
  });

  it("changes nothing and exits 2 when the directory holds files ztlab did not write", async () => {
    const before = await writeLab();
    await mkdir(join(cwd, "ztlab-terraform"));
    await writeFile(join(cwd, "ztlab-terraform", "main.tf"), "# mine");
    const run = await runZtlab(["tap", "tee", "--no-apply"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not written by ztlab");
    expect(run.stderr).toContain("with --dir");
    expect(run.stderr).not.toContain("--out");
    expect(run.stdout).toBe("");
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toBe(before);
    expect(await readdir(join(cwd, "ztlab-terraform"))).toEqual(["main.tf"]);
  });

  it("exits 2 naming ZEROTIER_CENTRAL_TOKEN before writing anything when applying", async () => {
    const before = await writeLab();
    const run = await runZtlab(["tap", "tee"], { cwd, env: { PATH: "/nonexistent" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("set ZEROTIER_CENTRAL_TOKEN");
    expect(run.stdout).toBe("");
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toBe(before);
    expect(await readdir(cwd)).toEqual(["ztlab.yaml"]);
  });

  it("keeps a CRLF lab file's line endings and the file's mode", async () => {
    const before = await writeLab(LAB_YAML.replaceAll("\n", "\r\n"));
    await chmod(join(cwd, "ztlab.yaml"), 0o640);
    const run = await runZtlab(["tap", "tee", "--to", "aws", "--no-apply"], { cwd });
    expect(run.code).toBe(0);
    const after = await readFile(join(cwd, "ztlab.yaml"), "utf8");
    expect(after.replaceAll("\r\n", "").includes("\n")).toBe(false);
    expect(after).toBe(
      before
        .replace("mode: off                     #", "mode: tee                     #")
        .replace("tap: do                       #", "tap: aws                      #"),
    );
    expect((await stat(join(cwd, "ztlab.yaml"))).mode & 0o777).toBe(0o640);
    expect(await readdir(cwd)).toEqual(["ztlab-terraform", "ztlab.yaml"]);
  });

  it("replaces a block scalar mode value", async () => {
    await writeLab(LAB_YAML.replace(/mode: off .*\n/, "mode: >-\n      off\n"));
    const run = await runZtlab(["tap", "tee", "--no-apply"], { cwd });
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toContain("    mode: tee\n    tap: do");
  });

  it("prints nothing but errors under --quiet", async () => {
    await writeLab();
    const run = await runZtlab(["--quiet", "tap", "tee", "--no-apply"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toBe("");
    expect(await readFile(join(cwd, "ztlab.yaml"), "utf8")).toContain("mode: tee");
  });

  it.skipIf(!canMakeImmutable)(
    "exits 2 naming an unwritable lab file before printing or writing anything (needs chattr)",
    async () => {
      const before = await writeLab();
      const path = join(cwd, "ztlab.yaml");
      const run = await whileImmutable(path, () => runZtlab(["tap", "tee", "--no-apply"], { cwd }));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: .*ztlab\.yaml: cannot write the lab file \(EPERM\)/);
      expect(run.stdout).toBe("");
      expect(await readFile(path, "utf8")).toBe(before);
      expect(await readdir(cwd)).toEqual(["ztlab.yaml"]);
    },
  );
});
