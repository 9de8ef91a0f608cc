import { describe, expect, it } from "vitest";
import { azureModule } from "../../src/clouds/azure.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, planWithoutUsers, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => azureModule.nodeResources(nodeInput(plan, "azu"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "azurerm_linux_virtual_machine");

describe("azureModule", () => {
  itPassesNodeBasics({
    module: azureModule,
    plan,
    node: "azu",
    twoNodes: { plan: planWithSecondNode("azure", "azu2", "westeurope"), nodes: ["azu", "azu2"] },
    userDataOf: (d) => vmOf(d).custom_data,
  });

  it("builds a resource group and a dual-stack virtual network and subnet", () => {
    expect(onlyResource(doc(), "azurerm_resource_group")).toMatchObject({ location: "eastus" });
    const subnet = onlyResource(doc(), "azurerm_subnet");
    expect(subnet.address_prefixes).toEqual(["192.168.1.0/24", "fd00:db8:deca:1::/64"]);
  });

  it("opens UDP 9993 and SSH inbound for both families with unique priorities", () => {
    const rules = resourcesOf(doc(), "azurerm_network_security_rule");
    const opened = rules.map(
      (r) => `${r.protocol}/${r.destination_port_range}/${r.source_address_prefix}`,
    );
    expect(opened.sort()).toEqual([
      "Tcp/22/0.0.0.0/0",
      "Tcp/22/::/0",
      "Udp/9993/0.0.0.0/0",
      "Udp/9993/::/0",
    ]);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(4);
    for (const rule of rules) expect(rule).toMatchObject({ direction: "Inbound", access: "Allow" });
    expect(resourcesOf(doc(), "azurerm_network_interface_security_group_association")).toHaveLength(
      1,
    );
  });

  it("gives the NIC forwarding and a Standard static public address of each family", () => {
    const nic = onlyResource(doc(), "azurerm_network_interface");
    expect(nic.ip_forwarding_enabled).toBe(true);
    expect(nic.enable_ip_forwarding).toBeUndefined();
    const configs = nic.ip_configuration as Record<string, never>[];
    expect(configs.map((c) => c.private_ip_address_version)).toEqual(["IPv4", "IPv6"]);
    const ips = resourcesOf(doc(), "azurerm_public_ip");
    expect(ips.map((ip) => ip.ip_version).sort()).toEqual(["IPv4", "IPv6"]);
    for (const ip of ips)
      expect(ip).toMatchObject({ sku: "Standard", allocation_method: "Static" });
  });

  it("boots Canonical's noble image with base64 custom data and the users' keys", () => {
    const vm = vmOf(doc());
    expect(vm.source_image_reference).toEqual({
      publisher: "Canonical",
      offer: "ubuntu-24_04-lts",
      sku: "server",
      version: "latest",
    });
    expect(exprText(vm.custom_data)).toMatch(/^base64encode\("/);
    expect(vm.admin_ssh_key).toHaveLength(plan.users.length);
    expect(vm.disable_password_authentication).toBe(true);
  });

  it("takes an image override as a URN or an image id, and rejects anything else", () => {
    const urn = referencePlan({ azu: { image: "Canonical:ubuntu-24_04-lts:minimal:latest" } });
    expect(
      vmOf(azureModule.nodeResources(nodeInput(urn, "azu"))).source_image_reference,
    ).toMatchObject({
      sku: "minimal",
    });
    const id = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/images/z";
    const byId = referencePlan({ azu: { image: id } });
    expect(vmOf(azureModule.nodeResources(nodeInput(byId, "azu"))).source_image_id).toBe(id);
    const bad = referencePlan({ azu: { image: "ubuntu" } });
    expect(() => azureModule.nodeResources(nodeInput(bad, "azu"))).toThrow(/instances\.azu\.image/);
  });

  it("refuses a lab without users, since Azure needs an SSH key", () => {
    expect(() => azureModule.nodeResources(nodeInput(planWithoutUsers(), "azu"))).toThrow(
      expect.objectContaining({ code: "missing-ssh-key", exitCode: 2 }),
    );
  });

  it("asks the provider to register the compute and network resource providers", () => {
    expect(azureModule.providerBlocks([])).toEqual([
      { features: {}, resource_providers_to_register: ["Microsoft.Compute", "Microsoft.Network"] },
    ]);
  });
});
