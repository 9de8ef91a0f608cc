import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runZtlab } from "../helpers/cli-run.js";
import { fakeLabAccessArgs, startFakeLab, type FakeLab } from "../helpers/sshd-fake-lab.js";
import { sshdUnavailable } from "../helpers/sshd.js";

const skip = sshdUnavailable();

describe.skipIf(skip !== undefined)(`ztlab ssh, ssh-config and capture ${skip ?? ""}`, () => {
  let fake: FakeLab;
  let access: string[];

  beforeAll(async () => {
    fake = await startFakeLab({ names: ["do", "aws"], flowMode: "watch" });
    access = fakeLabAccessArgs(fake);
  });

  afterAll(async () => {
    await fake?.stop();
  });

  const ztlab = (args: string[]) =>
    runZtlab(["--config", fake.labFile, ...args], {
      env: { HOME: dirname(fake.labFile), PATH: process.env.PATH },
    });

  describe("ztlab ssh", () => {
    it("runs a command on the named node and passes its exit code back", async () => {
      const run = await ztlab(["ssh", "aws", ...access, "--", "echo on $FAKE_NODE; exit 7"]);
      expect(run.stdout).toBe("on aws\n");
      expect(run.code).toBe(7);
    });

    it("exits 2 naming the nodes when the node is unknown", async () => {
      const run = await ztlab(["ssh", "nope", ...access, "--", "true"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no enabled node named "nope"');
      expect(run.stderr).toContain("nodes: do, aws");
    });
  });

  describe("ztlab ssh-config", () => {
    it("prints a Host entry per node with the lab's names", async () => {
      const run = await ztlab(["ssh-config", ...access]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        [
          "Host aws.demo.lab ztlab-aws",
          "  HostName 127.0.0.3",
          "  User root",
          `  Port ${fake.sshd.port}`,
          `  IdentityFile ${fake.sshd.identityFile}`,
          "  IdentitiesOnly yes",
          `  UserKnownHostsFile ${join(fake.sshd.dir, "ztlab_known_hosts")}`,
          "  StrictHostKeyChecking accept-new",
        ].join("\n"),
      );
      expect(run.stdout).toContain("Host do.demo.lab ztlab-do\n  HostName 127.0.0.2\n");
    });
  });

  describe("ztlab ssh-config --json", () => {
    it("prints the hosts as data, not config text", async () => {
      const run = await ztlab(["--json", "ssh-config", ...access]);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout) as { hosts: Record<string, unknown>[] };
      expect(doc.hosts).toContainEqual({
        node: "aws",
        names: ["aws.demo.lab", "ztlab-aws"],
        hostName: "127.0.0.3",
        user: "root",
        port: fake.sshd.port,
        identityFile: fake.sshd.identityFile,
        userKnownHostsFile: join(fake.sshd.dir, "ztlab_known_hosts"),
      });
      expect(doc).toMatchObject({ network: { name: "demo.lab" } });
    });
  });

  describe("ztlab capture", () => {
    it("streams pcap from the tap node's ZeroTier interface when stdout is not a terminal", async () => {
      const run = await ztlab(["capture", ...access, "--", "icmp"]);
      expect(run.code).toBe(0);
      expect(run.stdoutBytes.subarray(0, 4)).toEqual(Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]));
      expect(run.stderr).toContain("tshark -n -l -i ztyqb6mebi -F pcap -w - icmp");
      expect(run.stderr).toContain("capturing on do");
    });

    it("captures on another node with the default filter", async () => {
      const run = await ztlab(["capture", "--node", "aws", ...access]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("tshark -n -l -i ztyqb6mebi -F pcap -w - not port 22");
      expect(run.stderr).toContain("capturing on aws");
    });
  });
});
