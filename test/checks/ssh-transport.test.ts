import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMaster, runRemote, sshArgs, type SshSettings } from "../../src/checks/index.js";
import { sshdUnavailable, startSshdLab, type SshdLab } from "../helpers/sshd.js";

const skip = sshdUnavailable();

describe("sshArgs", () => {
  it("asks for batch mode, ztlab's known_hosts and the key when one is given", () => {
    const settings: SshSettings = { knownHostsFile: "/k/known", identityFile: "/k/id" };
    const args = sshArgs({ host: "203.0.113.5", user: "alice", port: 2222 }, settings);
    expect(args).toEqual([
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=accept-new",
      "-o",
      "UserKnownHostsFile=/k/known",
      "-o",
      "ConnectTimeout=10",
      "-o",
      "ServerAliveInterval=5",
      "-o",
      "ServerAliveCountMax=3",
      "-o",
      "LogLevel=ERROR",
      "-o",
      "IdentitiesOnly=yes",
      "-i",
      "/k/id",
      "-p",
      "2222",
      "-l",
      "alice",
      "--",
      "203.0.113.5",
    ]);
  });

  it("puts `--` before the host so a host value cannot act as an option", () => {
    const args = sshArgs({ host: "-oProxyCommand=x", user: "u" }, { knownHostsFile: "/k" });
    expect(args.slice(-2)).toEqual(["--", "-oProxyCommand=x"]);
  });

  it("leaves batch mode off for interactive use and adds a control path", () => {
    const args = sshArgs(
      { host: "h", user: "u" },
      { knownHostsFile: "/k", configFile: "none" },
      { batch: false, controlPath: "/c/s" },
    );
    expect(args.slice(0, 2)).toEqual(["-F", "none"]);
    expect(args).not.toContain("BatchMode=yes");
    expect(args).toContain("ControlPath=/c/s");
  });
});

describe.skipIf(skip !== undefined)(`runRemote against a local sshd ${skip ?? ""}`, () => {
  let lab: SshdLab;
  let settings: SshSettings;

  beforeAll(async () => {
    lab = await startSshdLab({ nodes: [{ name: "aws", address: "127.0.0.2" }] });
    settings = {
      knownHostsFile: lab.knownHostsFile,
      identityFile: lab.identityFile,
      configFile: "none",
      connectTimeoutS: 3,
    };
  });

  afterAll(async () => {
    await lab?.stop();
  });

  const endpoint = () => ({ host: "127.0.0.2", port: lab.port, user: lab.user });

  it("runs a command and returns its output and exit code", async () => {
    const result = await runRemote({
      endpoint: endpoint(),
      settings,
      command: "echo out; echo err >&2; echo $FAKE_NODE; exit 3",
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 3, stdout: "out\naws\n", stderr: "err\n" });
    expect(result.timedOut).toBe(false);
  });

  it("records the host key on first contact in ztlab's known_hosts", async () => {
    await runRemote({ endpoint: endpoint(), settings, command: "true", timeoutMs: 10_000 });
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(lab.knownHostsFile, "utf8")).toContain("ssh-ed25519");
  });

  it("stops a command that outlives its timeout", async () => {
    const started = Date.now();
    const result = await runRemote({
      endpoint: endpoint(),
      settings,
      command: "sleep 20",
      timeoutMs: 500,
    });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports ssh's own failure as exit 255 for a port nobody listens on", async () => {
    const result = await runRemote({
      endpoint: { ...endpoint(), port: 1 },
      settings,
      command: "true",
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/refused/i);
  });

  it("gives up cleanly on a host that never answers", async () => {
    const started = Date.now();
    // A listening socket that never speaks SSH stands in for a dead host on loopback.
    const { createServer } = await import("node:net");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const result = await runRemote({
      endpoint: { host: "127.0.0.1", port, user: lab.user },
      settings: { ...settings, connectTimeoutS: 1 },
      command: "true",
      timeoutMs: 1_500,
    });
    silent.close();
    expect(result.exitCode === 255 || result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("multiplexes commands over one master connection and closes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ztlab-mux-"));
    try {
      const controlPath = join(dir, "aws");
      const outcome = await openMaster({
        endpoint: endpoint(),
        settings,
        controlPath,
        timeoutMs: 5_000,
      });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          runRemote({
            endpoint: endpoint(),
            settings,
            controlPath,
            command: `echo ${n}`,
            timeoutMs: 5_000,
          }),
        ),
      );
      expect(results.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n"]);
      await outcome.master.close();
      const { existsSync } = await import("node:fs");
      expect(existsSync(controlPath)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports why a master could not connect", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ztlab-mux-"));
    try {
      const outcome = await openMaster({
        endpoint: { ...endpoint(), port: 1 },
        settings,
        controlPath: join(dir, "x"),
        timeoutMs: 5_000,
      });
      expect(outcome).toMatchObject({ ok: false, timedOut: false });
      if (!outcome.ok) expect(outcome.reason).toMatch(/refused/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
