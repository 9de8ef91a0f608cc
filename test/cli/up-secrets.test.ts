import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";
import { LAB_HEAD } from "../helpers/lab-text.js";

const LAB = `${LAB_HEAD}  do:
    description: DigitalOcean
`;

const SECRETS = {
  ZEROTIER_CENTRAL_TOKEN: "fake-zt-secret-456",
  AWS_SECRET_ACCESS_KEY: "fake-aws-secret-789",
  DIGITALOCEAN_TOKEN: "fake-do-secret-123",
  // Named like an identifier, yet one of OCI's credential variables: masked all the same.
  OCI_TENANCY_OCID: "ocid1.tenancy.oc1..fakeTenancy42",
  TF_TOKEN_app_terraform_io: "fake-hcp-token-321",
};

// An engine that repeats its credentials everywhere it can: a JSON log line, a diagnostic (with a
// JSON escape inside the value) and stderr, then fails.
const LEAKY_ENGINE = `#!/bin/sh
case "$1" in
  -version)
    if [ -n "$LEAK_VERSION" ]; then echo "version check failed for $ZEROTIER_CENTRAL_TOKEN" >&2; exit 1; fi
    echo '{"terraform_version":"1.11.4","platform":"linux_amd64"}' ;;
  init)
    printf '{"@level":"info","@message":"provider token is %s","type":"log"}\\n' "$DIGITALOCEAN_TOKEN"
    printf '{"@level":"error","@message":"Error: x","type":"diagnostic","diagnostic":{"severity":"error","summary":"auth failed with %s","detail":"key %s rejected\\\\n%s"}}\\n' "$ZEROTIER_CENTRAL_TOKEN" "$AWS_SECRET_ACCESS_KEY" "$OCI_TENANCY_OCID"
    echo "stderr: $TF_TOKEN_app_terraform_io and $DIGITALOCEAN_TOKEN" >&2
    exit 1 ;;
  *) echo "unexpected $1" >&2; exit 1 ;;
esac
`;

async function leakyEnv(extra: Record<string, string> = {}) {
  const home = await makeTempDir("ztlab-home-");
  const bin = join(home, "bin");
  await mkdir(bin);
  await writeFile(join(bin, "terraform"), LEAKY_ENGINE);
  await chmod(join(bin, "terraform"), 0o755);
  return { PATH: `${bin}:/usr/bin:/bin`, HOME: home, ...SECRETS, ...extra };
}

function expectNoSecret(text: string): void {
  for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
}

describe("engine output masking", () => {
  it.each([[[]], [["--debug"]], [["--json"]], [["--verbose"]]])(
    "masks credential values in engine lines, diagnostics and stderr of a failed up %j",
    async (flags: string[]) => {
      const env = await leakyEnv();
      const result = await runCliIn([...flags, "up", "--yes"], {
        env,
        files: { "ztlab.yaml": LAB },
      });
      expect(result.code).toBe(1);
      expectNoSecret(result.stdout + result.stderr);
      expect(result.stdout + result.stderr).toContain("auth failed with ***");
      if (flags[0] === "--json") {
        const doc = JSON.parse(result.stdout) as { error: { details: string[] } };
        expect(doc.error.details.join("\n")).toContain("key *** rejected");
      }
      if (flags[0] === "--debug") expect(result.stderr).toContain("provider token is ***");
    },
  );

  it("masks credential values in the stderr of a failing version check in doctor and up", async () => {
    const env = await leakyEnv({ LEAK_VERSION: "1" });
    for (const argv of [["doctor"], ["--json", "doctor"], ["up", "--yes"]]) {
      const result = await runCliIn(argv, { env, files: { "ztlab.yaml": LAB } });
      expect(result.code).not.toBe(0);
      expectNoSecret(result.stdout + result.stderr);
      expect(result.stdout + result.stderr).toContain("version check failed for ***");
    }
  });
});
