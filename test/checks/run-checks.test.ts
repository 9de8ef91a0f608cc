import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildCheckLab,
  readOutputsFile,
  runChecks,
  type CheckLab,
  type CheckReport,
} from "../../src/checks/index.js";
import { loadLab } from "../../src/config/index.js";
import { resolvePlan } from "../../src/plan/index.js";
import { startFakeLab, type FakeLab } from "../helpers/sshd-fake-lab.js";
import { sshdUnavailable } from "../helpers/sshd.js";

const skip = sshdUnavailable();

function cell(report: CheckReport, node: string, check: string) {
  return report.cells.find((c) => c.node === node && c.check === check);
}

describe.skipIf(skip !== undefined)(`runChecks over loopback sshd ${skip ?? ""}`, () => {
  let fake: FakeLab;
  let lab: CheckLab;
  let controlDir: string;

  beforeAll(async () => {
    fake = await startFakeLab({ names: ["do", "aws", "gcp"], flowMode: "tee" });
    const loaded = await loadLab({ cwd: tmpdir(), explicit: fake.labFile });
    lab = buildCheckLab(resolvePlan(loaded.config), await readOutputsFile(fake.outputsFile));
  });

  afterAll(async () => {
    await fake?.stop();
  });

  beforeEach(async () => {
    controlDir = await mkdtemp(join(tmpdir(), "ztc-"));
  });

  afterEach(async () => {
    await rm(controlDir, { recursive: true, force: true });
  });

  const run = (extra: Partial<Parameters<typeof runChecks>[0]> = {}) =>
    runChecks({
      lab,
      user: fake.sshd.user,
      port: fake.sshd.port,
      settings: {
        knownHostsFile: fake.sshd.knownHostsFile,
        identityFile: fake.sshd.identityFile,
        configFile: "none",
        connectTimeoutS: 5,
      },
      controlDir,
      tapListenS: 3,
      ...extra,
    });

  it("passes every check on a healthy lab", async () => {
    const report = await run();
    const failed = report.cells.filter((c) => c.status === "fail");
    expect(failed).toEqual([]);
    expect(report.nodes).toEqual(["do", "aws", "gcp"]);
    expect(cell(report, "do", "tap")).toMatchObject({ status: "pass" });
    expect(report.summary).toEqual({ passed: 25, failed: 0, skipped: 2 });
    expect(cell(report, "aws", "tap")).toEqual({
      node: "aws",
      check: "tap",
      status: "skip",
      reasons: [],
    });
  }, 60_000);

  it("names the peer and the reason for each failure", async () => {
    const aws = fake.nodeDir("aws");
    await writeFile(join(aws, "unreachable"), "10.0.3.1\n10.42.3.2\n");
    await writeFile(join(fake.stateDir, "web-down"), "do.demo.lab\n");
    const bird = await import("node:fs/promises").then((fs) =>
      fs.readFile(join(aws, "bird.txt"), "utf8"),
    );
    await writeFile(join(aws, "bird.txt"), bird.replace(/^10\.42\.1\.0.*\n.*\n/m, ""));
    try {
      const report = await run({ only: ["ping-ip", "web", "ospf", "container-ipv4"] });
      expect(report.checks).toEqual(["ssh", "ping-ip", "web", "ospf", "container-ipv4"]);
      expect(cell(report, "aws", "ping-ip")).toEqual({
        node: "aws",
        check: "ping-ip",
        status: "fail",
        reasons: ["gcp 10.0.3.1: no reply"],
      });
      expect(cell(report, "aws", "ospf")?.reasons).toEqual(["no OSPF route to 10.42.1.0/24 (do)"]);
      expect(cell(report, "aws", "container-ipv4")?.reasons).toEqual(["gcp 10.42.3.2: no reply"]);
      expect(cell(report, "gcp", "web")?.reasons).toEqual(["do.demo.lab: HTTP 502, expected 200"]);
      expect(cell(report, "gcp", "ping-ip")?.status).toBe("pass");
      expect(report.summary.failed).toBe(6);
    } finally {
      await rm(join(aws, "unreachable"), { force: true });
      await rm(join(fake.stateDir, "web-down"), { force: true });
      await writeFile(join(aws, "bird.txt"), bird);
    }
  }, 60_000);

  it("reports a node it cannot reach and skips its other checks", async () => {
    const broken = {
      ...lab,
      targets: lab.targets.map((t) => (t.name === "gcp" ? { ...t, host: "127.0.0.99" } : t)),
    };
    const report = await run({ lab: broken, only: ["zerotier"], connectTimeoutMs: 4_000 });
    expect(cell(report, "gcp", "ssh")).toMatchObject({ status: "fail" });
    expect(cell(report, "gcp", "ssh")?.reasons[0]).toMatch(/refused/i);
    expect(cell(report, "gcp", "zerotier")).toMatchObject({
      status: "skip",
      reasons: ["not reached over ssh"],
    });
    expect(cell(report, "do", "zerotier")?.status).toBe("pass");
  }, 60_000);

  it("fails the tap check when no mirrored frame arrives", async () => {
    await rm(join(fake.stateDir, "mirror"));
    try {
      const report = await run({ only: ["tap"], nodes: ["do"] });
      expect(report.nodes).toEqual(["do"]);
      expect(cell(report, "do", "tap")?.reasons).toEqual([
        "probe aws -> gcp: no mirrored frames between 10.0.2.1 and 10.0.3.1 reached the tap",
      ]);
    } finally {
      await writeFile(join(fake.stateDir, "mirror"), "");
    }
  }, 60_000);

  it("skips the tap check when flow rules are off", async () => {
    const report = await run({ lab: { ...lab, flowMode: "off" }, only: ["tap"], nodes: ["do"] });
    expect(cell(report, "do", "tap")).toMatchObject({
      status: "skip",
      reasons: ["flow rules are off (no tap)"],
    });
  }, 30_000);

  it("rejects an unknown --node and an unknown --only", async () => {
    await expect(run({ nodes: ["nope"] })).rejects.toThrow(/no enabled node named nope/);
    await expect(run({ only: ["pingg"] })).rejects.toThrow(/unknown check "pingg"/);
  });
});
