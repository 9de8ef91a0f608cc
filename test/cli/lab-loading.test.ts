import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";
import { LAB_HEAD } from "../helpers/lab-text.js";

const LAB = `${LAB_HEAD}  do:
    description: DigitalOcean
  aws:
    enabled: auto
`;

async function env(extra: Record<string, string> = {}) {
  return { PATH: "/usr/bin:/bin", HOME: await makeTempDir("ztlab-home-"), ...extra };
}

describe("loadLabAndPlan", () => {
  it("resolves enabled: auto from the cloud's credentials in plan", async () => {
    const without = await runCliIn(["plan"], { env: await env(), files: { "ztlab.yaml": LAB } });
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/^aws +aws .* auto \(no\) /m);
    const withKeys = await env({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "k" });
    const with_ = await runCliIn(["plan"], { env: withKeys, files: { "ztlab.yaml": LAB } });
    expect(with_.stdout).toMatch(/^aws +aws .* auto \(yes\) /m);
  });

  it("leaves an auto node without credentials out of synth", async () => {
    const result = await runCliIn(["synth"], { env: await env(), files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(0);
    const dir = join(result.cwd, "ztlab-terraform");
    expect(existsSync(join(dir, "node-do.tf.json"))).toBe(true);
    expect(existsSync(join(dir, "node-aws.tf.json"))).toBe(false);
  });
});
