import { describe, expect, it } from "vitest";
import { ibmModule } from "../../src/clouds/ibm.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => ibmModule.nodeResources(nodeInput(plan, "ibm"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "ibm_is_instance");

describe("ibmModule", () => {
  itPassesNodeBasics({
    module: ibmModule,
    plan,
    node: "ibm",
    twoNodes: { plan: planWithSecondNode("ibm", "ibm2", "eu-de"), nodes: ["ibm", "ibm2"] },
    userDataOf: (d) => vmOf(d).user_data,
  });

  it("builds a VPC with a manual address prefix and a subnet in the node's zone", () => {
    expect(onlyResource(doc(), "ibm_is_vpc")).toMatchObject({
      address_prefix_management: "manual",
    });
    expect(onlyResource(doc(), "ibm_is_vpc_address_prefix")).toMatchObject({ zone: "us-east-1" });
    expect(onlyResource(doc(), "ibm_is_subnet")).toMatchObject({
      zone: "us-east-1",
      depends_on: ["ibm_is_vpc_address_prefix.ibm_prefix"],
    });
  });

  it("opens UDP 9993 and SSH inbound and everything outbound with protocol fields", () => {
    const rules = resourcesOf(doc(), "ibm_is_security_group_rule");
    const described = rules.map(
      (r) => `${r.direction}/${r.protocol}/${r.port_min ?? "*"}/${r.remote}`,
    );
    expect(described.sort()).toEqual([
      "inbound/tcp/22/0.0.0.0/0",
      "inbound/udp/9993/0.0.0.0/0",
      "outbound/all/*/0.0.0.0/0",
    ]);
    for (const rule of rules) expect(rule.udp).toBeUndefined();
  });

  it("allows IP spoofing on the interface and gives the node a floating IP", () => {
    const vm = vmOf(doc());
    expect(vm.primary_network_interface).toMatchObject({ allow_ip_spoofing: true });
    expect(vm).toMatchObject({ profile: "cx2-2x4", zone: "us-east-1", keys: [] });
    expect(exprText(onlyResource(doc(), "ibm_is_floating_ip").target)).toBe(
      "ibm_is_instance.ibm_vm.primary_network_interface[0].id",
    );
  });

  it("picks the newest stock Ubuntu 24.04 minimal image and ignores later image changes", () => {
    const image = exprText(vmOf(doc()).image);
    expect(image).toContain("^ibm-ubuntu-24-04-[0-9]+-minimal-amd64-[0-9]+$");
    expect(image).toContain("reverse(sort(");
    expect(vmOf(doc()).lifecycle).toEqual({ ignore_changes: ["image"] });
  });

  it("sets the resource group from the lab file on the VPC and the instance", () => {
    const grouped = referencePlan({ ibm: { resource_group: "rg-123" } });
    const d = ibmModule.nodeResources(nodeInput(grouped, "ibm"));
    expect(onlyResource(d, "ibm_is_vpc").resource_group).toBe("rg-123");
    expect(vmOf(d).resource_group).toBe("rg-123");
  });

  it("configures the provider for the node's region rather than its us-south default", () => {
    expect(ibmModule.providerBlocks(plan.nodes.filter((n) => n.cloud === "ibm"))).toEqual([
      { alias: "us-east", region: "us-east" },
    ]);
    expect(vmOf(doc()).provider).toBe("ibm.us-east");
  });
});
