import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REFERENCE_LAB, validateLab, type LabInput } from "../../src/config/index.js";
import { resolvePlan } from "../../src/plan/index.js";
import { synthesizeLab } from "../../src/synth/index.js";
import {
  hasTerraform,
  NO_TERRAFORM,
  runTerraform,
  withTempDir,
} from "./support/terraform-binary.js";

// Every supported cloud once: the reference lab with `eqx` swapped for Hetzner, plus Linode.
function everyCloudLab(): LabInput {
  const { eqx: _retired, ...instances } = REFERENCE_LAB.instances ?? {};
  return {
    ...REFERENCE_LAB,
    instances: {
      ...instances,
      oci: { ...instances.oci, compartment_id: "ocid1.compartment.oc1..aaaatest" },
      hcl: { description: "Hetzner Cloud", ip_assignment: "10.0.9.1" },
      lin: { description: "Akamai (Linode)", ip_assignment: "10.0.10.1" },
    },
  };
}

const EXPECTED_PROVIDERS = [
  "IBM-Cloud/ibm",
  "aliyun/alicloud",
  "digitalocean/digitalocean",
  "hashicorp/aws",
  "hashicorp/azurerm",
  "hashicorp/google",
  "hetznercloud/hcloud",
  "linode/linode",
  "oracle/oci",
  "vultr/vultr",
  "zerotier/zerotier",
];

describe("synthesizing every supported cloud", () => {
  it.skipIf(!hasTerraform)(
    `requires exactly the expected providers (${NO_TERRAFORM} skips)`,
    () => {
      const plan = resolvePlan(validateLab(everyCloudLab(), {}));
      const { files, nodes } = synthesizeLab(plan);
      expect(nodes.map((node) => node.cloud).sort()).toEqual([
        "alibaba",
        "aws",
        "azure",
        "digitalocean",
        "gcp",
        "hetzner",
        "ibm",
        "linode",
        "oci",
        "vultr",
      ]);
      const listed = withTempDir((dir) => {
        for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
        const run = runTerraform(dir, ["providers", "-no-color"]);
        expect(run.stderr.replace(/.*CLI configuration.*\n?/g, "")).not.toMatch(/Error/);
        expect(run.status).toBe(0);
        return run.stdout;
      });
      const sources = [...listed.matchAll(/provider\[registry\.terraform\.io\/([^\]]+)\]/g)].map(
        (match) => match[1],
      );
      // Terraform prints registry addresses in lower case.
      const expected = EXPECTED_PROVIDERS.map((source) => source.toLowerCase()).sort();
      expect([...new Set(sources)].sort()).toEqual(expected);
      expect(listed).toContain("provider[registry.terraform.io/hashicorp/aws] ~> 6.0");
    },
  );

  it("gives every node's resources names no other node uses", () => {
    const { nodes } = synthesizeLab(resolvePlan(validateLab(everyCloudLab(), {})));
    const all = nodes.flatMap((node) => node.targets.filter((t) => !t.startsWith("zerotier_")));
    expect(new Set(all).size).toBe(all.length);
  });

  it("rejects enabling eqx with the retirement message and exit code 2", () => {
    const lab = {
      ...REFERENCE_LAB,
      instances: { ...REFERENCE_LAB.instances, eqx: { enabled: true } },
    };
    let thrown: unknown;
    try {
      validateLab(lab, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ exitCode: 2 });
    const message = (thrown as Error).message;
    expect(message).toContain("instances.eqx.enabled");
    expect(message).toMatch(/2026-06-30/);
    expect(message).toMatch(/hetzner/);
    expect(message).toMatch(/linode/);
  });
});
