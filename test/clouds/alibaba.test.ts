import { describe, expect, it } from "vitest";
import { alibabaModule } from "../../src/clouds/alibaba.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => alibabaModule.nodeResources(nodeInput(plan, "ali"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "alicloud_instance");

describe("alibabaModule", () => {
  itPassesNodeBasics({
    module: alibabaModule,
    plan,
    node: "ali",
    twoNodes: {
      plan: planWithSecondNode("alibaba", "ali2", "eu-central-1"),
      nodes: ["ali", "ali2"],
    },
    userDataOf: (d) => vmOf(d).user_data,
  });

  it("uses the current argument names for VPC, vSwitch and security group", () => {
    expect(onlyResource(doc(), "alicloud_vpc").vpc_name).toBeDefined();
    expect(onlyResource(doc(), "alicloud_vswitch")).toMatchObject({ zone_id: "us-east-1a" });
    expect(onlyResource(doc(), "alicloud_vswitch").availability_zone).toBeUndefined();
    expect(onlyResource(doc(), "alicloud_security_group").security_group_name).toBeDefined();
    expect(onlyResource(doc(), "alicloud_security_group").name).toBeUndefined();
  });

  it("opens UDP 9993 and SSH inbound for IPv4 and IPv6 on the intranet NIC", () => {
    const rules = resourcesOf(doc(), "alicloud_security_group_rule");
    const opened = rules.map(
      (r) => `${r.ip_protocol}/${r.port_range}/${r.cidr_ip ?? r.ipv6_cidr_ip}`,
    );
    expect(opened.sort()).toEqual([
      "tcp/22/22/0.0.0.0/0",
      "tcp/22/22/::/0",
      "udp/9993/9993/0.0.0.0/0",
      "udp/9993/9993/::/0",
    ]);
    for (const rule of rules)
      expect(rule).toMatchObject({ type: "ingress", nic_type: "intranet", policy: "accept" });
  });

  it("sets the charge fields explicitly, encodes base64 and binds an EIP address", () => {
    const vm = vmOf(doc());
    expect(vm).toMatchObject({
      instance_charge_type: "PostPaid",
      internet_charge_type: "PayByTraffic",
      internet_max_bandwidth_out: 0,
      instance_type: "ecs.t6-c1m1.large",
    });
    expect(vm.password).toBeUndefined();
    expect(exprText(vm.user_data)).toMatch(/^base64encode\("/);
    expect(onlyResource(doc(), "alicloud_eip_address")).toMatchObject({
      payment_type: "PayAsYouGo",
    });
    expect(exprText(onlyResource(doc(), "alicloud_eip_association").instance_id)).toBe(
      "alicloud_instance.ali_vm.id",
    );
  });

  it("looks up the newest system Ubuntu 24.04 image and ignores later image changes", () => {
    expect(doc().data?.alicloud_images?.ali_ubuntu).toMatchObject({
      owners: "system",
      name_regex: "^ubuntu_24_04_x64",
      most_recent: true,
    });
    expect(vmOf(doc()).lifecycle).toEqual({ ignore_changes: ["image_id"] });
  });

  it("finds a zone that sells the size when the lab's zone is of another region", () => {
    const moved = planWithSecondNode("alibaba", "ali2", "eu-central-1");
    const d = alibabaModule.nodeResources(nodeInput(moved, "ali2"));
    expect(d.data?.alicloud_zones?.ali2_zones).toMatchObject({
      available_instance_type: "ecs.t6-c1m1.large",
    });
    expect(exprText(onlyResource(d, "alicloud_vswitch").zone_id)).toBe(
      "data.alicloud_zones.ali2_zones.zones[0].id",
    );
    expect(onlyResource(d, "alicloud_vpc").provider).toBe("alicloud.eu-central-1");
  });
});
