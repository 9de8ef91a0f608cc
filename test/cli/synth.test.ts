import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLOUD_KINDS, REFERENCE_LAB, RETIRED_CLOUDS } from "../../src/config/index.js";
import { cloudModule } from "../../src/clouds/index.js";
import { runZtlab } from "../helpers/cli-run.js";

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "ztlab-cli-synth-"));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

// The reference lab as a lab file, with only the named nodes enabled.
async function writeLab(enabled: readonly string[], instances = REFERENCE_LAB.instances ?? {}) {
  const lab = structuredClone({ ...REFERENCE_LAB, instances });
  for (const [name, instance] of Object.entries(lab.instances)) {
    instance.enabled = enabled.includes(name);
  }
  await writeFile(join(cwd, "ztlab.json"), JSON.stringify(lab, null, 2));
}

const UNSUPPORTED = CLOUD_KINDS.filter((k) => cloudModule(k) === undefined && !RETIRED_CLOUDS[k]);

describe("ztlab synth", () => {
  it("writes ztlab-terraform/ beside the lab file and prints one line per file", async () => {
    await writeLab(["do"]);
    const run = await runZtlab(["synth"], { cwd });
    expect(run.stderr).toContain("next: cd ztlab-terraform && terraform init");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "created  ztlab-terraform/cloud-digitalocean.tf.json",
        "created  ztlab-terraform/node-do.tf.json",
        "created  ztlab-terraform/outputs.tf.json",
        "created  ztlab-terraform/providers.tf.json",
        "created  ztlab-terraform/zerotier.tf.json",
        "",
      ].join("\n"),
    );
    const again = await runZtlab(["synth"], { cwd });
    expect(
      again.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith("unchanged")),
    ).toBe(true);
  });

  it("reports removed and created files as JSON after the lab changes", async () => {
    await writeLab(["do"]);
    await runZtlab(["synth", "--out", "tf"], { cwd });
    await writeLab([]);
    const run = await runZtlab(["--json", "synth", "--out", "tf"], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { dir: string; files: unknown[]; nodes: unknown[] };
    expect(report.dir).toBe(join(cwd, "tf"));
    expect(report.nodes).toEqual([]);
    expect(report.files).toEqual([
      { name: "cloud-digitalocean.tf.json", change: "removed" },
      { name: "node-do.tf.json", change: "removed" },
      { name: "outputs.tf.json", change: "updated" },
      { name: "providers.tf.json", change: "updated" },
      { name: "zerotier.tf.json", change: "updated" },
    ]);
    expect((await readdir(join(cwd, "tf"))).sort()).toEqual([
      ".ztlab-manifest.json",
      "outputs.tf.json",
      "providers.tf.json",
      "zerotier.tf.json",
    ]);
  });

  it("lists each node's -target addresses under --json", async () => {
    await writeLab(["do"]);
    const run = await runZtlab(["--json", "synth"], { cwd });
    const report = JSON.parse(run.stdout) as { nodes: { name: string; targets: string[] }[] };
    expect(report.nodes[0]?.targets).toContain("digitalocean_droplet.do_droplet");
  });

  it("refuses a non-empty directory it did not write, with exit 2, writing nothing", async () => {
    await writeLab(["do"]);
    await mkdir(join(cwd, "tf"));
    await writeFile(join(cwd, "tf", "main.tf"), "# mine");
    const run = await runZtlab(["synth", "--out", "tf"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not written by ztlab");
    expect(await readdir(join(cwd, "tf"))).toEqual(["main.tf"]);
  });

  it("writes nothing and exits 2 on an invalid lab file", async () => {
    await writeFile(
      join(cwd, "ztlab.json"),
      JSON.stringify({ instances: { do: { cloud: "nope" } } }),
    );
    const run = await runZtlab(["synth"], { cwd });
    expect(run.code).toBe(2);
    expect(await readdir(cwd)).toEqual(["ztlab.json"]);
  });

  it.skipIf(UNSUPPORTED.length === 0)(
    "exits 2 naming a node whose cloud has no module yet, writing nothing (all clouds have one)",
    async () => {
      const cloud = UNSUPPORTED[0]!;
      await writeLab(["do", "x1"], {
        ...REFERENCE_LAB.instances,
        x1: { description: "x", ip_assignment: "10.0.10.1", cloud },
      });
      const run = await runZtlab(["synth"], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`instances.x1: not supported yet: ${cloud}`);
      expect(await readdir(cwd)).toEqual(["ztlab.json"]);
    },
  );

  it("writes files that hold no credential from the environment", async () => {
    await writeLab(["do"]);
    const env = {
      DIGITALOCEAN_TOKEN: "dop_v1_secretvalue",
      ZEROTIER_CENTRAL_TOKEN: "ztsecretvalue",
    };
    const run = await runZtlab(["synth"], { cwd, env });
    expect(run.code).toBe(0);
    const dir = join(cwd, "ztlab-terraform");
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), "utf8");
      expect(text).not.toContain("secretvalue");
    }
    expect(run.stdout + run.stderr).not.toContain("secretvalue");
  });

  it("writes into an existing empty --out directory in place, keeping it", async () => {
    await writeLab(["do"]);
    const out = join(cwd, "e");
    await mkdir(out);
    const before = await stat(out);
    const run = await runZtlab(["synth", "--out", "."], { cwd: out, env: {} });
    expect(run.stderr).not.toContain("error");
    // The lab file is found from the working directory only, so the built-in lab is written.
    expect(run.code).toBe(0);
    expect((await stat(out)).ino).toBe(before.ino);
    expect(await readdir(out)).toContain("zerotier.tf.json");
    expect(run.stdout).toContain("created  zerotier.tf.json");
  });

  it("refuses an empty --out with exit 2, writing nothing", async () => {
    await writeLab(["do"]);
    const run = await runZtlab(["synth", "--out", ""], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --out: empty directory name\n/);
    expect(await readdir(cwd)).toEqual(["ztlab.json"]);
  });

  it("refuses a manifest naming a file outside the directory: exit 2, nothing removed", async () => {
    await writeLab(["do"]);
    await mkdir(join(cwd, "m"));
    await writeFile(join(cwd, "victim.txt"), "keep me");
    const manifest = JSON.stringify({ generator: "ztlab", files: ["../victim.txt"] });
    await writeFile(join(cwd, "m", ".ztlab-manifest.json"), manifest);
    const run = await runZtlab(["synth", "--out", "m"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not a valid ztlab manifest");
    expect(run.stderr).toContain('not a file ztlab writes: "../victim.txt"');
    expect(run.stdout).toBe("");
    expect(await readFile(join(cwd, "victim.txt"), "utf8")).toBe("keep me");
    expect(await readdir(join(cwd, "m"))).toEqual([".ztlab-manifest.json"]);
  });

  it("names the directory and exits 2 when --out cannot be created", async () => {
    await writeLab(["do"]);
    await writeFile(join(cwd, "file"), "x");
    const run = await runZtlab(["synth", "--out", "file/out"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: .*\/file\/out: cannot write the directory \(ENOTDIR\)\n/);
    expect(run.stderr).toContain("hint: choose a directory you can write with --out");
    expect(run.stderr).not.toContain("internal error");
  });

  it("prints nothing but errors under --quiet", async () => {
    await writeLab(["do"]);
    const run = await runZtlab(["--quiet", "synth"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
    expect(await readdir(join(cwd, "ztlab-terraform"))).toContain("zerotier.tf.json");
  });

  it("exits 130 and writes nothing when interrupted before writing", async () => {
    await writeLab(["do"]);
    const controller = new AbortController();
    controller.abort(new Error("interrupted"));
    const run = await runZtlab(["synth"], { cwd, signal: controller.signal });
    expect(run.code).toBe(130);
    expect(await readdir(cwd)).toEqual(["ztlab.json"]);
  });
});
