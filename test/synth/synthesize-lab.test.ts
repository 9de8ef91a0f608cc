import { describe, expect, it } from "vitest";
import { cloudModule } from "../../src/clouds/index.js";
import type { CloudKind } from "../../src/config/index.js";
import { ValidationError } from "../../src/errors/index.js";
import { nodeTargets, synthesizeLab } from "../../src/synth/index.js";
import { plainBootScript, referencePlan, trickyBootScript } from "../helpers/synth-lab.js";

const plainBoot = {
  renderBootScript: ({ node }: { node: { name: string } }) => plainBootScript(node.name),
};

function parsed(files: Record<string, string>, name: string) {
  const text = files[name];
  if (text === undefined) throw new Error(`${name} was not synthesized`);
  return JSON.parse(text) as Record<
    string,
    Record<string, Record<string, Record<string, unknown>>>
  >;
}

describe("synthesizeLab", () => {
  it("writes the reference lab with only do enabled as the reviewed files", async () => {
    const { files } = synthesizeLab(referencePlan(["do"]), plainBoot);
    expect(Object.keys(files)).toEqual([
      "cloud-digitalocean.tf.json",
      "node-do.tf.json",
      "outputs.tf.json",
      "providers.tf.json",
      "zerotier.tf.json",
    ]);
    for (const [name, text] of Object.entries(files)) {
      await expect(text).toMatchFileSnapshot(`../fixtures/synth/reference-do/${name}`);
    }
  });

  it("declares the lab's state backend in the root terraform block, and none for local state", () => {
    const local = parsed(
      synthesizeLab(referencePlan(["do"]), plainBoot).files,
      "providers.tf.json",
    );
    expect(local.terraform?.cloud).toBeUndefined();
    expect(local.terraform?.backend).toBeUndefined();
    const state = { backend: "cloud", organization: "acme", workspace: "demolab" } as const;
    const files = synthesizeLab(referencePlan(["do"]), { ...plainBoot, state }).files;
    expect(parsed(files, "providers.tf.json").terraform?.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "demolab" },
    });
  });

  it("gives byte-identical files for two synths of the same plan", () => {
    const one = synthesizeLab(referencePlan(["do"]), plainBoot);
    const two = synthesizeLab(referencePlan(["do"]), plainBoot);
    expect(two.files).toEqual(one.files);
    expect(Object.values(one.files).every((text) => text.endsWith("}\n"))).toBe(true);
  });

  it("keeps the walkthrough's addresses for the network, members, identities and token", () => {
    const { files } = synthesizeLab(referencePlan(["do"]), plainBoot);
    const zt = parsed(files, "zerotier.tf.json").resource ?? {};
    expect(Object.keys(zt.zerotier_network ?? {})).toEqual(["demolab"]);
    expect(Object.keys(zt.zerotier_identity ?? {})).toEqual(["instances"]);
    expect(Object.keys(zt.zerotier_member ?? {})).toEqual(["devices", "instances"]);
    expect(zt.zerotier_token).toEqual({ this: { name: "demolab" } });
    expect(zt.zerotier_identity?.instances?.for_each).toEqual({
      do: { description: "DigitalOcean", ip_assignment: "10.0.1.1" },
    });
    expect(zt.zerotier_member?.instances).toMatchObject({
      ip_assignments: ["${each.value.ip_assignment}"],
      member_id: "${zerotier_identity.instances[each.key].id}",
      authorized: true,
      description: "${each.value.description}",
    });
    expect(zt.zerotier_member?.devices?.for_each).toEqual({
      laptop: { member_id: "a11c3411ce", description: "alice laptop" },
      workstation: { member_id: "b0bd0bb0bb", description: "bob's desktop" },
    });
    expect(zt.zerotier_network?.demolab).not.toHaveProperty("dns");
  });

  it("refers to the tap's identity in the flow rules of tee mode", () => {
    const plan = referencePlan(["do", "aws"], (lab) => {
      lab.network = { ...lab.network, flow_rules: { mode: "tee", tap: "aws", drop_non_ip: true } };
    });
    const { files } = synthesizeLab(plan, plainBoot);
    const network = parsed(files, "zerotier.tf.json").resource?.zerotier_network?.demolab;
    expect(network?.flow_rules).toBe(
      "drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6;\n" +
        'tee -1 ${zerotier_identity.instances["aws"].id};\naccept;\n',
    );
  });

  it("synthesizes the ZeroTier resources alone when no node is enabled", () => {
    const { files, nodes } = synthesizeLab(referencePlan([]), plainBoot);
    expect(Object.keys(files)).toEqual([
      "outputs.tf.json",
      "providers.tf.json",
      "zerotier.tf.json",
    ]);
    expect(nodes).toEqual([]);
    const zt = parsed(files, "zerotier.tf.json").resource ?? {};
    expect(Object.keys(zt).sort()).toEqual([
      "zerotier_member",
      "zerotier_network",
      "zerotier_token",
    ]);
    expect(Object.keys(zt.zerotier_member ?? {})).toEqual(["devices"]);
    const providers = JSON.parse(files["providers.tf.json"] ?? "") as {
      terraform: { required_providers: Record<string, unknown> };
    };
    expect(Object.keys(providers.terraform.required_providers)).toEqual(["zerotier"]);
    const outputs = parsed(files, "outputs.tf.json").output;
    expect(outputs?.identities?.value).toEqual({});
    expect(outputs?.networks?.value).toEqual({ demolab: "${zerotier_network.demolab.id}" });
  });

  it("rejects every node on a cloud without a module at once, naming each", () => {
    const plan = referencePlan(["do", "aws", "gcp"]);
    const onlyDo = (kind: CloudKind) => (kind === "digitalocean" ? cloudModule(kind) : undefined);
    let caught: unknown;
    try {
      synthesizeLab(plan, { ...plainBoot, cloudModule: onlyDo });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.code).toBe("cloud-not-supported");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("instances.aws: not supported yet: aws (and 1 more)");
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "instances.aws: not supported yet: aws",
      "instances.gcp: not supported yet: gcp",
    ]);
  });

  it("puts no identity, token or credential value in any file, only references", () => {
    const secretish = "DIGITALOCEAN_TOKEN=dop_v1_0123 ZEROTIER_CENTRAL_TOKEN=abc";
    const { files } = synthesizeLab(referencePlan(["do"]), {
      renderBootScript: ({ node }) => trickyBootScript(node.name),
    });
    const all = Object.values(files).join("\n");
    expect(all).not.toContain(secretish);
    expect(all).toContain('${zerotier_identity.instances[\\"do\\"].private_key}');
    expect(all).toContain("${zerotier_token.this.token}");
    // A 10-hex node id or 16-hex network id can only come from state, never from synth.
    expect(all.match(/[0-9a-f]{16}/g) ?? []).toEqual([]);
  });

  it("lists each node's resource addresses for -target, ZeroTier pair first", () => {
    const { nodes } = synthesizeLab(referencePlan(["do"]), plainBoot);
    expect(nodeTargets(nodes, "do")).toEqual([
      'zerotier_identity.instances["do"]',
      'zerotier_member.instances["do"]',
      "digitalocean_droplet.do_droplet",
      "digitalocean_firewall.do_firewall",
    ]);
    expect(() => nodeTargets(nodes, "aws")).toThrow(
      "instances.aws: not an enabled node of this lab",
    );
  });

  it("uses the first-boot renderer of boot/ by default", () => {
    const { files } = synthesizeLab(referencePlan(["do"]));
    const droplet = parsed(files, "node-do.tf.json").resource?.digitalocean_droplet?.do_droplet;
    expect(droplet?.user_data).toMatch(/^#!\/bin\/bash/);
    expect(droplet?.user_data).toContain('${zerotier_identity.instances["do"].private_key}');
  });
});
