// Exit codes of the commands that reach a running lab when the lab is not up, and when ssh
// itself cannot connect.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runZtlab } from "../helpers/cli-run.js";

const hasSsh = spawnSync("sh", ["-c", "command -v ssh"]).status === 0;

const LAB = `network:
  name: demo.lab
  flow_rules: { mode: off, tap: do }
users:
  alice:
    username: alice
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com
instances:
  do: {}
  aws: {}
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ztlab-lab-state-"));
  await writeFile(join(dir, "ztlab.yaml"), LAB);
  await writeFile(join(dir, "empty.json"), "{}");
  await writeFile(
    join(dir, "refused.json"),
    JSON.stringify({
      networks: { value: { demolab: "8bd5124fd6f45ffe" } },
      nodes: { value: { aws: { public_ipv4: "127.0.0.1" }, do: { public_ipv4: "127.0.0.1" } } },
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ztlab = (args: string[]) =>
  runZtlab(["--config", join(dir, "ztlab.yaml"), ...args], {
    cwd: dir,
    env: {
      HOME: dir,
      PATH: process.env.PATH,
      ZEROTIER_CENTRAL_TOKEN: "fake-token-for-a-lab-not-up",
      ZEROTIER_CENTRAL_URL: "http://127.0.0.1:1/api",
    },
  });

const COMMANDS: [string, string[]][] = [
  ["check", ["check"]],
  ["ssh", ["ssh", "aws", "--", "true"]],
  ["ssh-config", ["ssh-config"]],
  ["capture", ["capture"]],
  ["status", ["status"]],
];

describe("commands on a lab that is not up", () => {
  it.each(COMMANDS)("%s exits 1 saying there is no Terraform directory", async (_name, args) => {
    const run = await ztlab(args);
    expect(run.stderr).toContain("no Terraform directory; the lab is not up");
    expect(run.stderr).toContain("run `ztlab up` first");
    expect(run.stderr).not.toContain("terraform output -json failed");
    expect(run.code).toBe(1);
  });

  it.each(COMMANDS)("%s exits 1 when the outputs hold nothing yet", async (_name, args) => {
    const [command = "", ...rest] = args;
    const run = await ztlab([command, "--outputs", join(dir, "empty.json"), ...rest]);
    if (command !== "ssh-config") {
      expect(run.stderr).toMatch(/the lab is not up|no public address/);
      expect(run.code).toBe(1);
    } else {
      // ssh-config lists what it knows and marks the rest as not deployed.
      expect(run.stdout).toContain("no public address in the Terraform outputs");
    }
  });
});

describe.skipIf(!hasSsh)("ssh and capture when ssh cannot connect", () => {
  const refused = ["--outputs", "refused.json", "--port", "1", "--ssh-config", "none"];

  it("ssh exits 1 with a message naming the node instead of ssh's 255", async () => {
    const run = await ztlab(["ssh", "aws", ...refused, "--", "true"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ssh to aws (127.0.0.1) failed");
  });

  it("capture exits 1 the same way, and says the flow rules are off", async () => {
    const run = await ztlab(["capture", ...refused]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("flow rules are off, so nothing is mirrored to the tap");
    expect(run.stderr).toContain("ssh to do (127.0.0.1) failed");
  });

  it("ssh --verbose shows the ssh command line", async () => {
    const run = await ztlab([
      "--verbose",
      "ssh",
      "aws",
      ...refused,
      "-o",
      "X-Password=hunter2",
      "--",
      "true",
    ]);
    expect(run.stderr).toMatch(/running: ssh .*-p 1 -l alice -- 127\.0\.0\.1 true/);
    expect(run.stderr).toContain("X-Password=[redacted]");
    expect(run.stderr).not.toContain("hunter2");
  });
});
