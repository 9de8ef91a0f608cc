import { describe, expect, it } from "vitest";
import { cloudModule, digitaloceanModule } from "../../src/clouds/index.js";
import { renderTerraformJson, tfExpr, tfTemplate } from "../../src/terraform/index.js";
import { referencePlan } from "../helpers/synth-lab.js";

function input(edit?: Parameters<typeof referencePlan>[1]) {
  const plan = referencePlan(["do"], edit);
  const node = plan.nodes.find((candidate) => candidate.name === "do")!;
  const userData = tfTemplate(["echo ${X} ", tfExpr("zerotier_network.demolab.id")]);
  return { plan, node, userData, prefix: "do_" };
}

describe("digitaloceanModule", () => {
  it("is the registry's module for digitalocean", () => {
    expect(cloudModule("digitalocean")).toBe(digitaloceanModule);
  });

  it("names every resource of a node with the node's prefix", () => {
    const doc = digitaloceanModule.nodeResources(input());
    const names = Object.values(doc.resource ?? {}).flatMap((byName) => Object.keys(byName));
    expect(names).toEqual(["do_droplet", "do_firewall"]);
  });

  it("builds the droplet on Ubuntu 24.04 with IPv6, the plan's region and size, and the script", () => {
    const doc = digitaloceanModule.nodeResources(input());
    const droplet = JSON.parse(renderTerraformJson(doc)).resource.digitalocean_droplet.do_droplet;
    expect(droplet).toMatchObject({
      image: "ubuntu-24-04-x64",
      region: "nyc1",
      size: "s-1vcpu-1gb",
      ipv6: true,
      user_data: "echo $${X} ${zerotier_network.demolab.id}",
    });
    expect(droplet.ssh_keys).toEqual([
      '${digitalocean_ssh_key.users["alice"].fingerprint}',
      '${digitalocean_ssh_key.users["bob"].fingerprint}',
    ]);
  });

  it("takes image, region and size from the lab file", () => {
    const custom = input((lab) => {
      lab.instances!.do = {
        ...lab.instances!.do!,
        image: "ubuntu-22-04-x64",
        region: "ams3",
        size: "s-2vcpu-2gb",
      };
    });
    const body =
      digitaloceanModule.nodeResources(custom).resource?.digitalocean_droplet?.do_droplet;
    expect(body).toMatchObject({ image: "ubuntu-22-04-x64", region: "ams3", size: "s-2vcpu-2gb" });
  });

  it("opens UDP 9993 and SSH inbound and everything outbound, on IPv4 and IPv6", () => {
    const fw =
      digitaloceanModule.nodeResources(input()).resource?.digitalocean_firewall?.do_firewall;
    const anywhere = ["0.0.0.0/0", "::/0"];
    expect(fw?.inbound_rule).toEqual([
      { protocol: "udp", port_range: "9993", source_addresses: anywhere },
      { protocol: "tcp", port_range: "22", source_addresses: anywhere },
    ]);
    expect(fw?.outbound_rule).toEqual([
      { protocol: "tcp", port_range: "1-65535", destination_addresses: anywhere },
      { protocol: "udp", port_range: "1-65535", destination_addresses: anywhere },
      { protocol: "icmp", destination_addresses: anywhere },
    ]);
    expect(fw?.droplet_ids).toEqual([tfExpr("digitalocean_droplet.do_droplet.id")]);
  });

  it("shares one SSH key per lab user between the lab's droplets", () => {
    const { plan, node } = input();
    const doc = digitaloceanModule.labResources?.({ plan, nodes: [node] });
    const keys = doc?.resource?.digitalocean_ssh_key?.users;
    expect(Object.keys((keys?.for_each ?? {}) as object)).toEqual(["alice", "bob"]);
  });

  it("reads credentials from DIGITALOCEAN_TOKEN or DIGITALOCEAN_ACCESS_TOKEN", () => {
    expect(digitaloceanModule.credentials.anyOf).toEqual([
      ["DIGITALOCEAN_TOKEN"],
      ["DIGITALOCEAN_ACCESS_TOKEN"],
    ]);
    expect(digitaloceanModule.providerBlocks([])).toEqual([{}]);
  });

  it("gives the droplet's public addresses for the nodes output", () => {
    expect(digitaloceanModule.publicAddresses(input())).toEqual({
      ipv4: tfExpr("digitalocean_droplet.do_droplet.ipv4_address"),
      ipv6: tfExpr("digitalocean_droplet.do_droplet.ipv6_address"),
    });
  });
});
