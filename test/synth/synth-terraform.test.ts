import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bootScriptText, renderBootScript, type BootScript } from "../../src/boot/index.js";
import { synthesizeLab, writeSynthDirectory } from "../../src/synth/index.js";
import {
  evaluateTemplates,
  hasTerraform,
  rewriteInterpolations,
  terraform,
} from "../helpers/terraform-eval.js";
import { referencePlan, trickyBootScript } from "../helpers/synth-lab.js";

const NO_TERRAFORM = !hasTerraform;

// Stand-ins for what exists only in state; shaped like the real values.
const PUBLIC = `a1b2c3d4e5:0:${"0f".repeat(64)}`;
const SECRET = `${PUBLIC}:${"e7".repeat(64)}`;
const VALUES = {
  'zerotier_identity.instances["do"].public_key': PUBLIC,
  'zerotier_identity.instances["do"].private_key': SECRET,
  'zerotier_identity.instances["do"].id': "a1b2c3d4e5",
  "zerotier_network.demolab.id": "8056c2e21c1930be",
  "zerotier_token.this.token": "Q7kW2mZp9xLr4tVb8nYc3hJd6gFs1aEu",
};
const SCRIPT_VALUES = {
  "identity-public": PUBLIC,
  "identity-secret": SECRET,
  "node-id": "a1b2c3d4e5",
  "network-id": "8056c2e21c1930be",
  "central-token": "Q7kW2mZp9xLr4tVb8nYc3hJd6gFs1aEu",
} as const;

function userDataOf(files: Record<string, string>): string {
  const doc = JSON.parse(files["node-do.tf.json"] ?? "{}") as {
    resource: { digitalocean_droplet: { do_droplet: { user_data: string } } };
  };
  return doc.resource.digitalocean_droplet.do_droplet.user_data;
}

async function roundTrip(script: (node: string) => BootScript) {
  const plan = referencePlan(["do"]);
  const { files } = synthesizeLab(plan, { renderBootScript: ({ node }) => script(node.name) });
  const evaluated = await evaluateTemplates({ user_data: userDataOf(files) }, VALUES);
  return { got: evaluated.user_data, expected: bootScriptText(script("do"), SCRIPT_VALUES) };
}

describe("synthesized user_data evaluated by terraform", () => {
  it.skipIf(NO_TERRAFORM)(
    "equals the script with test values, byte for byte, for shell text full of `${` and `%{`",
    async () => {
      const { got, expected } = await roundTrip(trickyBootScript);
      expect(expected).toContain("${HOSTNAME}");
      expect(expected).toContain("literal: ${zerotier_token.this.token} and $");
      expect(got).toBe(expected);
    },
  );

  it.skipIf(NO_TERRAFORM)(
    "equals the DNS node's real first-boot script byte for byte",
    async () => {
      const plan = referencePlan(["do"]);
      const script = (name: string) =>
        renderBootScript({ plan, node: plan.nodes.find((n) => n.name === name) ?? plan.nodes[0]! });
      const { got, expected } = await roundTrip(script);
      expect(expected).toContain(SCRIPT_VALUES["central-token"]);
      expect(got).toBe(expected);
    },
  );
});

describe("synthesized directory read by terraform", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  // `terraform validate` and `console` need the providers installed, which cannot be downloaded
  // here; `terraform providers` loads and decodes every *.tf.json file without them.
  it.skipIf(NO_TERRAFORM)(
    "lists exactly the declared providers for a DigitalOcean-only lab",
    async () => {
      dir = await mkdtemp(join(tmpdir(), "ztlab-synth-tf-"));
      const result = synthesizeLab(referencePlan(["do"]));
      await writeSynthDirectory({ dir: join(dir, "tf"), result });
      const run = terraform(join(dir, "tf"), ["providers", "-no-color"]);
      expect(run.stderr.replace(/\s+/g, " ")).not.toMatch(/Error/);
      expect(run.code).toBe(0);
      const listed = [
        ...run.stdout.matchAll(/provider\[registry\.terraform\.io\/([^\]]+)\] (.+)/g),
      ];
      expect(listed.map(([, source, version]) => `${source} ${version}`).sort()).toEqual([
        "digitalocean/digitalocean ~> 2.0",
        "zerotier/zerotier ~> 1.6",
      ]);
    },
  );

  it.skipIf(NO_TERRAFORM)(
    "has only templates terraform parses, in every string of every file",
    async () => {
      const { files } = synthesizeLab(referencePlan(["do"]), {
        renderBootScript: ({ node }) => trickyBootScript(node.name),
      });
      const templates: Record<string, string> = {};
      const stubs: Record<string, string> = {};
      for (const text of Object.values(files)) {
        for (const value of strings(JSON.parse(text))) {
          if (!/[$%]\{/.test(value)) continue;
          templates[`s${Object.keys(templates).length}`] = value;
          rewriteInterpolations(value, (expr) => {
            if (!expr.startsWith('"')) stubs[expr] = "stub";
            return expr;
          });
        }
      }
      expect(Object.keys(templates).length).toBeGreaterThan(10);
      const evaluated = await evaluateTemplates(templates, stubs);
      expect(Object.keys(evaluated).sort()).toEqual(Object.keys(templates).sort());
    },
  );
});

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}
