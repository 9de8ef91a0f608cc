import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";
import { LAB_HEAD } from "../helpers/lab-text.js";

const FAKE_ENGINE_DIR = new URL("../fixtures/terraform/fake-engine/", import.meta.url).pathname;
const SYSTEM_PATH = "/usr/bin:/bin";
const TOKEN = "zt-secret-token-value-9876";

const LAB = `${LAB_HEAD}  do:
    description: DigitalOcean
`;

async function fakeEngineEnv(extra: Record<string, string> = {}) {
  const home = await makeTempDir("ztlab-home-");
  const log = join(home, "engine.log");
  const env = {
    PATH: `${FAKE_ENGINE_DIR}:${SYSTEM_PATH}`,
    HOME: home,
    FAKE_ENGINE_LOG: log,
    DIGITALOCEAN_TOKEN: "do-secret-token-value-1234",
    ZEROTIER_CENTRAL_TOKEN: TOKEN,
    ...extra,
  };
  const calls = async () =>
    existsSync(log) ? (await readFile(log, "utf8")).trim().split("\n") : [];
  return { env, calls };
}

describe("ztlab up", () => {
  it("exits 2 before any engine call when credentials are missing, listing them per cloud", async () => {
    const { env, calls } = await fakeEngineEnv();
    const bare = { PATH: env.PATH, HOME: env.HOME, FAKE_ENGINE_LOG: env.FAKE_ENGINE_LOG };
    const result = await runCliIn(["up", "--yes"], { env: bare });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: missing credentials for digitalocean, aws, gcp");
    for (const line of [
      "  digitalocean (nodes: do):",
      "    set DIGITALOCEAN_TOKEN",
      "  aws (nodes: aws):",
      "    set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
      "    or create ~/.aws/credentials",
      "  vultr (nodes: vul):",
      "    set VULTR_API_KEY",
      "  zerotier:",
      "    set ZEROTIER_CENTRAL_TOKEN",
    ]) {
      expect(result.stderr).toContain(`${line}\n`);
    }
    // Equinix is disabled in the reference lab, so it is not asked for.
    expect(result.stderr).not.toContain("equinix");
    expect(await calls()).toEqual([]);
    expect(existsSync(join(result.cwd, "ztlab-terraform"))).toBe(false);
  });

  it("names only what is missing when some credentials are present", async () => {
    const { env, calls } = await fakeEngineEnv({ ZEROTIER_CENTRAL_TOKEN: "" });
    const result = await runCliIn(["up", "--yes"], { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: missing credentials for zerotier; nothing was run");
    expect(result.stderr).not.toContain("DIGITALOCEAN_TOKEN");
    expect(await calls()).toEqual([]);
  });

  it("plans, applies with progress lines and a summary, then checks a second plan", async () => {
    const { env, calls } = await fakeEngineEnv();
    const result = await runCliIn(["up", "--yes"], { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("terraform 1.11.4 in ");
    expect(result.stderr).toMatch(/NODE +ADD +CHANGE +DESTROY\nlab +3 +0 +0\n/);
    expect(result.stderr).toContain("plan: 3 to add, 0 to change, 0 to destroy");
    expect(result.stderr).toContain("  done  terraform_data.second (2s)");
    expect(result.stderr).toMatch(/apply: 3 done, 0 failed of 3 in /);
    expect(result.stderr).toMatch(/done +create +terraform_data\.second +2\.\ds/);
    expect(result.stderr).toContain("second plan shows no changes: the lab is up");
    const log = await calls();
    expect(log.map((line) => line.split(" ")[0])).toEqual([
      "-version",
      "init",
      "plan",
      "apply",
      "plan",
    ]);
    expect(log[2]).toContain("-out=ztlab.tfplan");
    expect(log[3]).toMatch(/ztlab\.tfplan$/);
    expect(existsSync(join(result.cwd, "ztlab-terraform", "node-do.tf.json"))).toBe(true);
  });

  it("limits the run to the network with --only network", async () => {
    const { env, calls } = await fakeEngineEnv();
    const result = await runCliIn(["up", "--yes", "--only", "network"], {
      env,
      files: { "ztlab.yaml": LAB },
    });
    expect(result.code).toBe(0);
    const plans = (await calls()).filter((line) => line.startsWith("plan"));
    expect(plans.every((line) => line.endsWith("-target=zerotier_network.demolab"))).toBe(true);
  });

  it("fails with exit 1 and names the resources when the second plan still has changes", async () => {
    const { env } = await fakeEngineEnv({ FAKE_ENGINE_DRIFT: "1" });
    const result = await runCliIn(["up", "--yes"], { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: the lab does not converge: a second plan still shows changes",
    );
    expect(result.stderr).toContain("  replace terraform_data.slow (tainted)");
  });

  it("refuses without --yes when stdin is not a terminal, before init or plan", async () => {
    const { env, calls } = await fakeEngineEnv();
    const result = await runCliIn(["up"], { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("hint: run again with --yes");
    expect(await calls()).toEqual([]);
    expect(existsSync(join(result.cwd, "ztlab-terraform", "ztlab.tfplan"))).toBe(false);
  });

  it("forwards one interrupt during apply, says the engine stopped cleanly, and exits 130", async () => {
    const { env, calls } = await fakeEngineEnv({ FAKE_ENGINE_SLOW: "1" });
    const controller = new AbortController();
    const applying = `${env.FAKE_ENGINE_LOG}.applying`;
    const poll = setInterval(() => existsSync(applying) && controller.abort(), 50);
    const result = await runCliIn(["up", "--yes"], {
      env,
      files: { "ztlab.yaml": LAB },
      signal: controller.signal,
    }).finally(() => clearInterval(poll));
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupt: asking the engine to stop cleanly");
    expect(result.stderr).toContain("error: apply: interrupted; the engine stopped cleanly");
    expect(result.stderr).toMatch(/apply: 0 done, 1 failed, 1 not started of 2 in /);
    expect(result.stderr).toContain("hint: run the same command again to finish");
    expect((await calls()).filter((line) => line.startsWith("plan"))).toHaveLength(1);
  });

  it("builds an `enabled: auto` node only when its cloud's credentials are present", async () => {
    const { env, calls } = await fakeEngineEnv();
    const lab = `${LAB}  aws:\n    enabled: auto\n`;
    const result = await runCliIn(["up", "--yes"], { env, files: { "ztlab.yaml": lab } });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("AWS_ACCESS_KEY_ID");
    expect(existsSync(join(result.cwd, "ztlab-terraform", "node-aws.tf.json"))).toBe(false);
    expect(await calls()).not.toEqual([]);
  });

  it("never shows credential values, even with --debug", async () => {
    const { env } = await fakeEngineEnv();
    const result = await runCliIn(["--debug", "up", "--yes"], {
      env,
      files: { "ztlab.yaml": LAB },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\d\d:\d\d:\d\d\.\d{3} \$ terraform plan -json/);
    expect(result.stderr).toContain("TF_IN_AUTOMATION=1");
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
    expect(result.stderr + result.stdout).not.toContain("do-secret-token-value-1234");
  });

  it.each([
    [["up", "--only", "nodes"], '--only: unknown part "nodes"'],
    [["up", "--only", "network", "--node", "do"], "--only and --node cannot be used together"],
    [["up", "--engine", "pulumi"], '--engine: unknown engine "pulumi"'],
  ])("rejects %j with exit 2", async (argv, message) => {
    const { env, calls } = await fakeEngineEnv();
    const result = await runCliIn(argv, { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${message}`);
    expect(await calls()).toEqual([]);
  });
});
