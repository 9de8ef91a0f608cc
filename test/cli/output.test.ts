import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureWorkdir,
  removeWorkdir,
  TERRAFORM_PATH,
  testEnv,
} from "../helpers/engine-workdir.js";
import { runCliIn } from "../helpers/run-cli.js";

const SECRET = "tok-not-a-real-secret-42";

describe.skipIf(TERRAFORM_PATH === undefined)("ztlab output", () => {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await fixtureWorkdir("outputs");
    const env = testEnv();
    execFileSync(TERRAFORM_PATH!, ["init", "-input=false"], { cwd: dir, env });
    execFileSync(TERRAFORM_PATH!, ["apply", "-auto-approve", "-input=false"], { cwd: dir, env });
  });
  afterAll(async () => removeWorkdir(dir));

  it("shows the network id and per node its addresses, DNS name and an ssh command", async () => {
    const result = await runCliIn(["output", "--dir", dir!], { env: testEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("network demolab: 8056c2e21c000001\n");
    expect(result.stdout).toMatch(
      /aws +aws +us-east-1 +a1b2c3d4e5 +192\.0\.2\.10 +- +10\.0\.1\.1 +aws\.demo\.lab +ssh alice@192\.0\.2\.10/,
    );
    expect(result.stdout).toMatch(/gcp .* 2001:db8::7 .* ssh alice@198\.51\.100\.7/);
    expect(result.stdout).toMatch(/central_token +\*\*\*/);
    expect(result.stdout).not.toContain(SECRET);
  });

  it("prints one JSON document with sensitive values masked", async () => {
    const result = await runCliIn(["--json", "output", "--dir", dir!], { env: testEnv() });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as {
      networks: Record<string, string>;
      nodes: { name: string; ssh: string; zerotier_ip: string }[];
      outputs: Record<string, unknown>;
    };
    expect(doc.networks).toEqual({ demolab: "8056c2e21c000001" });
    expect(doc.nodes.map((n) => [n.name, n.zerotier_ip, n.ssh])).toEqual([
      ["aws", "10.0.1.1", "ssh alice@192.0.2.10"],
      ["gcp", "10.0.2.1", "ssh alice@198.51.100.7"],
    ]);
    expect(doc.outputs).toEqual({ central_token: "***" });
  });

  it("shows sensitive values with --show-secrets", async () => {
    const result = await runCliIn(["output", "--show-secrets", "--dir", dir!], { env: testEnv() });
    expect(result.stdout).toContain(SECRET);
  });
});
