import { describe, expect, it } from "vitest";
import { cloudModule, type CloudModule } from "../../src/clouds/index.js";
import { outputsDocument, type NodeOutputInput } from "../../src/synth/outputs-document.js";
import { nodePrefix } from "../../src/synth/index.js";
import { renderTerraformJson, tfExpr, tfTemplate } from "../../src/terraform/index.js";
import { referencePlan } from "../helpers/synth-lab.js";

const plan = referencePlan(["do", "gcp"], (lab) => {
  const instance = lab.instances?.do;
  if (instance !== undefined) instance.region = "fra1";
});

// A cloud that reports an IPv4 address only, as clouds without IPv6 on the node do.
const ipv4Only = {
  ...(cloudModule("digitalocean") as CloudModule),
  publicAddresses: ({ prefix }: { prefix: string }) => ({ ipv4: tfExpr(`vm.${prefix}vm.ip`) }),
} satisfies CloudModule;

function inputFor(name: string, module: CloudModule): NodeOutputInput {
  const node = plan.nodes.find((candidate) => candidate.name === name);
  if (node === undefined) throw new Error(`no node ${name}`);
  return {
    module,
    input: { plan, node, userData: tfTemplate([]), prefix: nodePrefix(name) },
  };
}

function rendered(inputs: NodeOutputInput[]) {
  return JSON.parse(renderTerraformJson(outputsDocument(inputs))) as {
    output: Record<string, { description: string; value: Record<string, unknown> }>;
  };
}

describe("outputsDocument", () => {
  it("writes each node's addresses, ids and place, IPv6 included where the cloud has it", () => {
    const { output } = rendered([inputFor("do", cloudModule("digitalocean") as CloudModule)]);
    expect(output.nodes?.value).toEqual({
      do: {
        public_ipv4: "${digitalocean_droplet.do_droplet.ipv4_address}",
        public_ipv6: "${digitalocean_droplet.do_droplet.ipv6_address}",
        zerotier_ip: "10.0.1.1",
        fqdn: "do.demo.lab",
        node_id: '${zerotier_identity.instances["do"].id}',
        cloud: "digitalocean",
        region: "fra1",
      },
    });
  });

  it("writes null as the IPv6 address of a node whose cloud gives none", () => {
    const { output } = rendered([inputFor("gcp", ipv4Only)]);
    expect(output.nodes?.value.gcp).toMatchObject({
      public_ipv4: "${vm.gcp_vm.ip}",
      public_ipv6: null,
      zerotier_ip: "10.0.3.1",
      cloud: "gcp",
    });
  });

  it("maps each node to its identity's id and the network name to its id", () => {
    const { output } = rendered([
      inputFor("do", cloudModule("digitalocean") as CloudModule),
      inputFor("gcp", ipv4Only),
    ]);
    expect(output.identities?.value).toEqual({
      do: '${zerotier_identity.instances["do"].id}',
      gcp: '${zerotier_identity.instances["gcp"].id}',
    });
    expect(output.networks?.value).toEqual({ demolab: "${zerotier_network.demolab.id}" });
  });

  it("writes the three outputs with empty maps when no node is enabled", () => {
    const { output } = rendered([]);
    expect(Object.keys(output).sort()).toEqual(["identities", "networks", "nodes"]);
    expect(output.identities?.value).toEqual({});
    expect(output.nodes?.value).toEqual({});
    for (const entry of Object.values(output)) expect(entry.description).not.toBe("");
  });

  it("refers to no key or token in any output", () => {
    const text = renderTerraformJson(
      outputsDocument([inputFor("do", cloudModule("digitalocean") as CloudModule)]),
    );
    expect(text).not.toMatch(/private_key|public_key|\.token\b|sensitive/);
  });
});
