import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  fixtureWorkdir,
  removeWorkdir,
  stateList,
  TERRAFORM_PATH,
  testEnv,
} from "../helpers/engine-workdir.js";
import { runCliIn } from "../helpers/run-cli.js";

const LAB = `
instances:
  do:
    description: DigitalOcean
`;

const credentials = {
  DIGITALOCEAN_TOKEN: "do-secret-token-value-1234",
  ZEROTIER_CENTRAL_TOKEN: "zt-secret-token-value-9876",
};

describe("ztlab down", () => {
  it.skipIf(TERRAFORM_PATH === undefined)(
    "destroys everything in the directory's state with the real engine and shows a summary",
    async () => {
      const dir = await fixtureWorkdir("progress");
      try {
        const env = testEnv();
        execFileSync(TERRAFORM_PATH!, ["init", "-input=false"], { cwd: dir, env });
        execFileSync(TERRAFORM_PATH!, ["apply", "-auto-approve", "-input=false"], {
          cwd: dir,
          env,
        });
        expect(stateList(dir)).toHaveLength(3);

        const result = await runCliIn(["down", "--yes", "--dir", dir, "--engine", "terraform"], {
          env: testEnv(credentials),
          files: { "ztlab.yaml": LAB },
        });
        expect(result.code).toBe(0);
        expect(result.stderr).toContain("plan: 0 to add, 0 to change, 3 to destroy");
        expect(result.stderr).toContain("  delete  terraform_data.first ...");
        expect(result.stderr).toMatch(/destroy: 3 done, 0 failed of 3 in /);
        expect(stateList(dir)).toEqual([]);
      } finally {
        await removeWorkdir(dir);
      }
    },
  );

  it("says there is nothing to destroy when the directory does not exist (exit 1)", async () => {
    const result = await runCliIn(["down", "--yes"], {
      env: testEnv(credentials),
      files: { "ztlab.yaml": LAB },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ztlab-terraform: no Terraform directory, so nothing to destroy/);
  });
});
