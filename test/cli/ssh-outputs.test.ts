// Terraform output values reach ssh command lines and ssh_config text; these runs prove a hostile
// outputs file is refused before ssh starts. A stand-in `ssh` on PATH records any call.
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runZtlab } from "../helpers/cli-run.js";

const LAB = `network:
  name: demo.lab
  flow_rules: { mode: tee, tap: do }
users:
  alice:
    username: alice
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com
instances:
  do: {}
  aws: {}
`;

let dir: string;
let sshCalled: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ztlab-evil-outputs-"));
  sshCalled = join(dir, "ssh-was-called");
  await mkdir(join(dir, "bin"));
  await writeFile(join(dir, "bin", "ssh"), `#!/bin/sh\ntouch '${sshCalled}'\nexit 0\n`);
  await chmod(join(dir, "bin", "ssh"), 0o755);
  await writeFile(join(dir, "ztlab.yaml"), LAB);
  await writeFile(
    join(dir, "evil.json"),
    JSON.stringify({
      networks: { value: { demolab: "8056c2e21c000001" } },
      nodes: {
        value: {
          aws: { public_ipv4: "-oProxyCommand=false" },
          do: { public_ipv4: "127.0.0.1\n  ProxyCommand false" },
        },
      },
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ztlab = ([command = "", ...rest]: string[]) =>
  runZtlab(
    ["--config", join(dir, "ztlab.yaml"), command, "--outputs", join(dir, "evil.json"), ...rest],
    {
      cwd: dir,
      env: { HOME: dir, PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}` },
    },
  );

describe("commands reading hostile Terraform outputs", () => {
  it.each([
    ["ssh", ["ssh", "aws", "--", "true"]],
    ["ssh-config", ["ssh-config"]],
    ["capture", ["capture", "--node", "aws"]],
    ["check", ["check"]],
  ])("%s exits 2 naming the output and node, and never starts ssh", async (_name, args) => {
    const run = await ztlab(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("output nodes, node aws, public_ipv4");
    expect(run.stderr).toContain("is not an IP address");
    expect(run.stdout).not.toContain("ProxyCommand");
    expect(existsSync(sshCalled)).toBe(false);
  });
});
