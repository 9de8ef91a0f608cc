import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";
import { LAB_HEAD } from "../helpers/lab-text.js";

const FAKE_ENGINE_DIR = new URL("../fixtures/terraform/fake-engine/", import.meta.url).pathname;

const LAB = `${LAB_HEAD}  do:
    description: DigitalOcean
  gcp:
    enabled: false
`;

async function setup(extra: Record<string, string> = {}) {
  const home = await makeTempDir("ztlab-home-");
  const log = join(home, "engine.log");
  const env = {
    PATH: `${FAKE_ENGINE_DIR}:/usr/bin:/bin`,
    HOME: home,
    FAKE_ENGINE_LOG: log,
    ...extra,
  };
  const calls = async () => (existsSync(log) ? (await readFile(log, "utf8")).trim() : "");
  return { env, calls };
}

describe("ztlab up and down: order of checks", () => {
  it.each([
    [["up", "--node", "nosuch", "--yes"], 'error: --node: the lab has no node "nosuch"'],
    [["up", "--node", "gcp", "--yes"], 'error: --node: node "gcp" is not enabled (off)'],
    [["up", "--engine", "bogus", "--yes"], 'error: --engine: unknown engine "bogus"'],
    [["down", "--node", "nosuch", "--yes"], 'error: --node: the lab has no node "nosuch"'],
    [["down", "--engine", "bogus", "--yes"], 'error: --engine: unknown engine "bogus"'],
    [["doctor", "--engine", "bogus"], 'error: --engine: unknown engine "bogus"'],
    [["output", "--engine", "bogus"], 'error: --engine: unknown engine "bogus"'],
  ])("reports the bad argument of %j before missing credentials (exit 2)", async (argv, line) => {
    const { env, calls } = await setup();
    const result = await runCliIn(argv, { env, files: { "ztlab.yaml": LAB } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${line}\n`);
    expect(result.stderr).not.toContain("missing credentials");
    expect(await calls()).toBe("");
  });

  it("needs only the ZeroTier token for up --only network", async () => {
    const { env, calls } = await setup({ ZEROTIER_CENTRAL_TOKEN: "zt-token-only-network" });
    const result = await runCliIn(["up", "--only", "network", "--yes"], {
      env,
      files: { "ztlab.yaml": LAB },
    });
    expect(result.stderr).not.toContain("missing credentials");
    expect(result.code).toBe(0);
    expect(await calls()).toContain("-target=zerotier_network.demolab");
  });

  it("asks for ZeroTier and the node's cloud for up --node", async () => {
    const { env } = await setup();
    const result = await runCliIn(["up", "--node", "do", "--yes"], {
      env,
      files: { "ztlab.yaml": LAB },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: missing credentials for digitalocean, zerotier");
  });

  it.each([["up"], ["down"]])(
    "%s refuses without a terminal and without --yes before running the engine (exit 2)",
    async (command) => {
      const { env, calls } = await setup({
        ZEROTIER_CENTRAL_TOKEN: "zt-token-value-1",
        DIGITALOCEAN_TOKEN: "do-token-value-1",
      });
      const files = { "ztlab.yaml": LAB, "ztlab-terraform/main.tf.json": "{}" };
      const result = await runCliIn([command], { env, files });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("stdin is not a terminal");
      expect(await calls()).toBe("");
    },
  );
});
