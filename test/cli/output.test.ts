import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
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

describe.skipIf(TERRAFORM_PATH === undefined)("ztlab output without init", () => {
  // A directory as `ztlab synth` leaves it: a provider that cannot be downloaded here, no .terraform.
  const CONFIG = JSON.stringify({
    terraform: { required_providers: { zerotier: { source: "zerotier/zerotier" } } },
    output: { networks: { value: {} } },
  });
  const STATE = JSON.stringify({
    version: 4,
    terraform_version: "1.5.0",
    serial: 3,
    lineage: "0b6c9a43-5d0e-4c1f-9d59-2f0a3c9b7e11",
    outputs: {
      networks: { value: { demolab: "8056c2e21c000001" }, type: ["map", "string"] },
      nodes: { value: {}, type: ["map", "string"] },
    },
    resources: [],
  });

  it("says nothing is applied (exit 1) and never runs init when there is no state", async () => {
    const files = { "ztlab-terraform/main.tf.json": CONFIG };
    const result = await runCliIn(["output"], { env: testEnv(), files });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: nothing applied yet; run `ztlab up`");
    expect(result.stderr).not.toContain("provider");
    expect(existsSync(join(result.cwd, "ztlab-terraform", ".terraform"))).toBe(false);
  });

  it("reads outputs from local state without init", async () => {
    const files = {
      "ztlab-terraform/main.tf.json": CONFIG,
      "ztlab-terraform/terraform.tfstate": STATE,
    };
    const result = await runCliIn(["output"], { env: testEnv(), files });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("network demolab: 8056c2e21c000001\n");
    expect(existsSync(join(result.cwd, "ztlab-terraform", ".terraform"))).toBe(false);
  });
});
