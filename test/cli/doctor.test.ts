import { describe, expect, it } from "vitest";
import { TERRAFORM_PATH, testEnv } from "../helpers/engine-workdir.js";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";

const LAB = `
instances:
  do:
    description: DigitalOcean
  aws:
    enabled: auto
  eqx:
    enabled: false
`;

describe("ztlab doctor", () => {
  it.skipIf(TERRAFORM_PATH === undefined)(
    "reports the engine, each cloud's variables by name and a missing token (exit 1)",
    async () => {
      const home = await makeTempDir("ztlab-home-");
      const result = await runCliIn(["doctor"], {
        env: testEnv({ HOME: home, DIGITALOCEAN_TOKEN: "do-secret-value-1234" }),
        files: { "ztlab.yaml": LAB },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^ok {7}engine: terraform \d+\.\d+\.\d+ \(/m);
      expect(result.stdout).toContain("missing  zerotier: ZEROTIER_CENTRAL_TOKEN not set");
      expect(result.stdout).toContain("ok       digitalocean (nodes: do)");
      expect(result.stdout).toContain("DIGITALOCEAN_TOKEN set");
      expect(result.stdout).toContain(
        "skipped  aws (nodes: aws) (auto): no credentials, so these nodes are left out",
      );
      expect(result.stdout).toContain("AWS_ACCESS_KEY_ID missing, AWS_SECRET_ACCESS_KEY missing");
      expect(result.stdout).not.toContain("equinix");
      expect(result.stdout).toContain(
        "missing  ssh: no agent (SSH_AUTH_SOCK) and no key in ~/.ssh",
      );
      expect(result.stdout).not.toContain("do-secret-value-1234");
    },
  );

  it("says which engine is missing and how to install it, as JSON", async () => {
    const home = await makeTempDir("ztlab-home-");
    const result = await runCliIn(["--json", "doctor"], {
      env: { PATH: home, HOME: home, ZEROTIER_CENTRAL_TOKEN: "zt-secret-value-5678" },
      files: { "ztlab.yaml": LAB },
    });
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as {
      ready: boolean;
      engine: { found: boolean; problem: string };
      credentials: { zerotier: { token: boolean }; clouds: { cloud: string; ready: boolean }[] };
    };
    expect(doc.ready).toBe(false);
    expect(doc.engine.found).toBe(false);
    expect(doc.engine.problem).toContain("terraform or tofu not found on PATH");
    expect(doc.engine.problem).toContain("https://opentofu.org/docs/intro/install/");
    expect(doc.credentials.zerotier.token).toBe(true);
    expect(doc.credentials.clouds.map((c) => [c.cloud, c.ready])).toEqual([
      ["digitalocean", false],
      ["aws", false],
    ]);
    expect(result.stdout).not.toContain("zt-secret-value-5678");
  });
});
