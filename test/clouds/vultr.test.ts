import { describe, expect, it } from "vitest";
import { vultrModule } from "../../src/clouds/vultr.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => vultrModule.nodeResources(nodeInput(plan, "vul"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "vultr_instance");

describe("vultrModule", () => {
  itPassesNodeBasics({
    module: vultrModule,
    plan,
    node: "vul",
    twoNodes: { plan: planWithSecondNode("vultr", "vul2", "ams"), nodes: ["vul", "vul2"] },
    userDataOf: (d) => vmOf(d).user_data,
  });

  it("opens UDP 9993 and SSH for IPv4 and IPv6 with lowercase rule values", () => {
    const rules = resourcesOf(doc(), "vultr_firewall_rule");
    const opened = rules.map(
      (r) => `${r.protocol}/${r.port}/${r.ip_type}/${r.subnet}/${r.subnet_size}`,
    );
    expect(opened.sort()).toEqual([
      "tcp/22/v4/0.0.0.0/0",
      "tcp/22/v6/::/0",
      "udp/9993/v4/0.0.0.0/0",
      "udp/9993/v6/::/0",
    ]);
    for (const rule of rules) {
      expect(exprText(rule.firewall_group_id)).toBe("vultr_firewall_group.vul_fw.id");
    }
  });

  it("creates the instance with IPv6, the firewall group, plain user-data and current tags", () => {
    const vm = vmOf(doc());
    expect(vm).toMatchObject({
      region: "ewr",
      plan: "vc2-1c-1gb",
      enable_ipv6: true,
      backups: "disabled",
    });
    expect(vm.tags).toEqual(["ztlab", "vul"]);
    expect(vm.tag).toBeUndefined();
    expect(exprText(vm.os_id)).toBe("data.vultr_os.vul_os.id");
    expect(doc().data?.vultr_os?.vul_os?.filter).toEqual([
      { name: "name", values: ["Ubuntu 24.04 LTS x64"] },
    ]);
  });

  it("takes a numeric image override as the OS id without a lookup", () => {
    const d = vultrModule.nodeResources(
      nodeInput(referencePlan({ vul: { image: "2284" } }), "vul"),
    );
    expect(vmOf(d).os_id).toBe(2284);
    expect(d.data).toBeUndefined();
  });
});
