import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckReport } from "../../src/checks/index.js";
import { runZtlab } from "../helpers/cli-run.js";
import { fakeLabAccessArgs, startFakeLab, type FakeLab } from "../helpers/sshd-fake-lab.js";
import { sshdUnavailable } from "../helpers/sshd.js";

const skip = sshdUnavailable();

describe.skipIf(skip !== undefined)(`ztlab check ${skip ?? ""}`, () => {
  let fake: FakeLab;
  let args: string[];

  beforeAll(async () => {
    fake = await startFakeLab({ names: ["do", "aws", "gcp"], flowMode: "watch" });
    args = ["--config", fake.labFile, "check", ...fakeLabAccessArgs(fake)];
  });

  afterAll(async () => {
    await fake?.stop();
  });

  const env = () => ({ HOME: dirname(fake.labFile), PATH: process.env.PATH });

  it("prints a passing matrix and a summary, and exits 0", async () => {
    const run = await runZtlab(args, { env: env() });
    expect(run.stderr).not.toContain("error");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^NODE\s+SSH\s+ZEROTIER\s+PING-IP\s+PING-NAME\s+WEB\s+OSPF\s+/);
    expect(lines[1]).toMatch(/^do\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok$/);
    expect(lines[2]).toMatch(/^aws\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+ok\s+-$/);
    expect(run.stdout).toMatch(/lab OK: 25 passed, 0 failed, 2 skipped on 3 nodes in [\d.]+ s/);
  }, 60_000);

  it("prints failures with reasons and exits 1", async () => {
    const listnetworks = join(fake.nodeDir("gcp"), "listnetworks.json");
    const original = await readFile(listnetworks, "utf8");
    await writeFile(listnetworks, original.replace('"status":"OK"', '"status":"ACCESS_DENIED"'));
    await writeFile(join(fake.nodeDir("gcp"), "unreachable"), "10.0.1.1\n");
    try {
      const run = await runZtlab([...args, "--only", "zerotier,ping-ip"], { env: env() });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("NODE  SSH  ZEROTIER  PING-IP");
      expect(run.stdout).toMatch(/gcp\s+ok\s+FAIL\s+FAIL/);
      expect(run.stdout).toMatch(
        /gcp\s+zerotier\s+status ACCESS_DENIED \(not authorized in Central\)/,
      );
      expect(run.stdout).toMatch(/gcp\s+ping-ip\s+do 10\.0\.1\.1: no reply/);
      expect(run.stdout).toContain("lab has problems: 7 passed, 2 failed, 0 skipped");
    } finally {
      await writeFile(listnetworks, original);
      await rm(join(fake.nodeDir("gcp"), "unreachable"));
    }
  }, 60_000);

  it("prints the report as JSON for one node", async () => {
    const run = await runZtlab(["--json", ...args, "--node", "aws", "--only", "web"], {
      env: env(),
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.nodes).toEqual(["aws"]);
    expect(report.checks).toEqual(["ssh", "web"]);
    expect(report.summary).toEqual({ passed: 2, failed: 0, skipped: 0 });
  }, 60_000);

  it("exits 2 naming the check when --only is unknown", async () => {
    const run = await runZtlab([...args, "--only", "bogus"], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--only: unknown check "bogus"');
  });

  it("exits 2 when the outputs file is not the lab's outputs", async () => {
    const bad = join(fake.sshd.dir, "bad-outputs.json");
    await writeFile(bad, JSON.stringify({ networks: { value: 42 } }));
    const run = await runZtlab([...args.slice(0, 3), "--outputs", bad], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not the lab's `terraform output -json` document");
  });

  it("collapses unreachable nodes to one line each with the ssh error", async () => {
    const outputs = JSON.parse(await readFile(fake.outputsFile, "utf8")) as {
      nodes: { value: Record<string, { public_ipv4: string }> };
    };
    for (const name of ["aws", "gcp"]) {
      const node = outputs.nodes.value[name];
      if (node !== undefined) node.public_ipv4 = "127.0.0.99";
    }
    const down = join(fake.sshd.dir, "down-outputs.json");
    await writeFile(down, JSON.stringify(outputs));
    const run = await runZtlab([...args, "--outputs", down], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("not reached over ssh");
    const unreachable = run.stdout.split("\n").filter((line) => /^(aws|gcp)\s+ssh\s/.test(line));
    expect(unreachable).toHaveLength(2);
    expect(unreachable[0]).toMatch(/Connection refused|connect/i);
    expect(run.stdout).toContain("aws, gcp unreachable over ssh: 16 of their checks skipped");
  });
});
