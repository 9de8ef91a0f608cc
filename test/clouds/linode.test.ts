import { describe, expect, it } from "vitest";
import { linodeModule } from "../../src/clouds/linode.js";
import { exprText, onlyResource } from "./support/document-checks.js";
import { nodeInput, planWithoutUsers, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics } from "./support/node-basics.js";

const plan = referencePlan({ lin: {} });
const doc = () => linodeModule.nodeResources(nodeInput(plan, "lin"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "linode_instance");

describe("linodeModule", () => {
  itPassesNodeBasics({
    module: linodeModule,
    plan,
    node: "lin",
    twoNodes: {
      plan: referencePlan({ lin: {}, lin2: { cloud: "linode", region: "eu-central" } }),
      nodes: ["lin", "lin2"],
    },
    userDataOf: (d) => (vmOf(d).metadata as Record<string, never>).user_data,
  });

  it("drops inbound except UDP 9993 and SSH from both families and accepts outbound", () => {
    const firewall = onlyResource(doc(), "linode_firewall");
    expect(firewall).toMatchObject({ inbound_policy: "DROP", outbound_policy: "ACCEPT" });
    expect(firewall.inbound).toEqual([
      {
        label: "zerotier",
        action: "ACCEPT",
        protocol: "UDP",
        ports: "9993",
        ipv4: ["0.0.0.0/0"],
        ipv6: ["::/0"],
      },
      {
        label: "ssh",
        action: "ACCEPT",
        protocol: "TCP",
        ports: "22",
        ipv4: ["0.0.0.0/0"],
        ipv6: ["::/0"],
      },
    ]);
    expect((firewall.linodes as unknown[]).map((id) => exprText(id as never))).toEqual([
      "linode_instance.lin_vm.id",
    ]);
  });

  it("boots Ubuntu 24.04 with base64 metadata user-data and the users' keys, no root password", () => {
    const vm = vmOf(doc());
    expect(vm).toMatchObject({
      region: "us-east",
      type: "g6-nanode-1",
      image: "linode/ubuntu24.04",
    });
    expect(exprText((vm.metadata as Record<string, never>).user_data)).toMatch(/^base64encode\("/);
    expect(vm.authorized_keys).toEqual(plan.users.map((u) => u.sshPublicKey));
    expect(vm.root_pass).toBeUndefined();
    expect(vm.firewall_id).toBeUndefined();
  });

  it("refuses a lab without users, since the image needs a key or a root password", () => {
    expect(() =>
      linodeModule.nodeResources(nodeInput(planWithoutUsers({ lin: {} }), "lin")),
    ).toThrow(expect.objectContaining({ code: "missing-ssh-key" }));
  });
});
