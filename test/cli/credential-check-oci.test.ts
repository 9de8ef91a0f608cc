import { describe, expect, it } from "vitest";
import { makeTempDir, runCliIn } from "../helpers/run-cli.js";
import { LAB_HEAD } from "../helpers/lab-text.js";

const lab = (compartment: string) => `${LAB_HEAD}  oci:
    description: Oracle${compartment}
`;

const OCI = {
  OCI_TENANCY_OCID: "ocid1.tenancy.oc1..t",
  OCI_USER_OCID: "ocid1.user.oc1..u",
  OCI_FINGERPRINT: "aa:bb",
  OCI_PRIVATE_KEY_PATH: "/nonexistent/key.pem",
  ZEROTIER_CENTRAL_TOKEN: "zt-token-value-1",
};

async function env(extra: Record<string, string> = {}) {
  return { PATH: "/usr/bin:/bin", HOME: await makeTempDir("ztlab-home-"), ...OCI, ...extra };
}

describe("OCI compartment requirement", () => {
  it("up stops (exit 2) naming TF_VAR_oci_compartment_ocid when a node lacks compartment_id", async () => {
    const result = await runCliIn(["up", "--yes"], {
      env: await env(),
      files: { "ztlab.yaml": lab("") },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: missing credentials for oci");
    expect(result.stderr).toContain("set TF_VAR_oci_compartment_ocid");
  });

  it("doctor marks the variable required and missing, and ok once set", async () => {
    const files = { "ztlab.yaml": lab("") };
    const without = await runCliIn(["doctor"], { env: await env(), files });
    expect(without.stdout).toMatch(/^missing  oci \(nodes: oci\)/m);
    expect(without.stdout).toContain("TF_VAR_oci_compartment_ocid missing (required");
    const withVar = await runCliIn(["doctor"], {
      env: await env({ TF_VAR_oci_compartment_ocid: "ocid1.compartment.oc1..c" }),
      files,
    });
    expect(withVar.stdout).toMatch(/^ok {7}oci \(nodes: oci\)/m);
  });

  it("does not ask for it when every OCI node has compartment_id", async () => {
    const files = { "ztlab.yaml": lab("\n    compartment_id: ocid1.compartment.oc1..lab") };
    const result = await runCliIn(["doctor"], { env: await env(), files });
    expect(result.stdout).toMatch(/^ok {7}oci \(nodes: oci\)/m);
    expect(result.stdout).not.toContain("(required");
  });
});
