import { describe, expect, it } from "vitest";
import { ociModule } from "../../src/clouds/oci.js";
import { exprText, onlyResource } from "./support/document-checks.js";
import { nodeInput, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics } from "./support/node-basics.js";

const COMPARTMENT = "ocid1.compartment.oc1..aaaatest";
const plan = referencePlan({ oci: { compartment_id: COMPARTMENT } });
const doc = () => ociModule.nodeResources(nodeInput(plan, "oci"));
const vmOf = (d: ReturnType<typeof doc>) => onlyResource(d, "oci_core_instance");

describe("ociModule", () => {
  itPassesNodeBasics({
    module: ociModule,
    plan,
    node: "oci",
    twoNodes: {
      plan: referencePlan({
        oci: { compartment_id: COMPARTMENT },
        oci2: { cloud: "oci", region: "eu-frankfurt-1", compartment_id: COMPARTMENT },
      }),
      nodes: ["oci", "oci2"],
    },
    userDataOf: (d) => (vmOf(d).metadata as Record<string, never>).user_data,
  });

  it("builds a dual-stack VCN with gateway routes for both families, all in the compartment", () => {
    expect(onlyResource(doc(), "oci_core_vcn")).toMatchObject({
      compartment_id: COMPARTMENT,
      cidr_blocks: ["192.168.0.0/16"],
      is_ipv6enabled: true,
    });
    expect(onlyResource(doc(), "oci_core_vcn").cidr_block).toBeUndefined();
    const rules = onlyResource(doc(), "oci_core_route_table").route_rules as Record<
      string,
      never
    >[];
    expect(rules.map((r) => r.destination)).toEqual(["0.0.0.0/0", "::/0"]);
    expect(
      exprText(onlyResource(doc(), "oci_core_subnet").ipv6cidr_blocks?.[0 as never]),
    ).toContain("oci_core_vcn.oci_vcn.ipv6cidr_blocks");
  });

  it("opens UDP 9993 and SSH for both families and all egress in the security list", () => {
    const list = onlyResource(doc(), "oci_core_security_list");
    expect(list.ingress_security_rules).toEqual([
      { protocol: "17", source: "0.0.0.0/0", udp_options: { min: 9993, max: 9993 } },
      { protocol: "17", source: "::/0", udp_options: { min: 9993, max: 9993 } },
      { protocol: "6", source: "0.0.0.0/0", tcp_options: { min: 22, max: 22 } },
      { protocol: "6", source: "::/0", tcp_options: { min: 22, max: 22 } },
    ]);
    expect(list.egress_security_rules).toEqual([
      { protocol: "all", destination: "0.0.0.0/0" },
      { protocol: "all", destination: "::/0" },
    ]);
  });

  it("skips the source/destination check, assigns both address families and encodes base64", () => {
    const vm = vmOf(doc());
    expect(vm.create_vnic_details).toMatchObject({
      assign_public_ip: true,
      assign_ipv6ip: true,
      skip_source_dest_check: true,
    });
    const metadata = vm.metadata as Record<string, never>;
    expect(exprText(metadata.user_data)).toMatch(/^base64encode\("/);
    expect(metadata.ssh_authorized_keys).toBe(plan.users.map((u) => u.sshPublicKey).join("\n"));
  });

  it("looks up the newest Ubuntu 24.04 image for the shape and ignores later image changes", () => {
    const images = Object.values(doc().data?.oci_core_images ?? {})[0];
    expect(images).toMatchObject({
      operating_system: "Canonical Ubuntu",
      operating_system_version: "24.04",
      shape: "VM.Standard.E2.1.Micro",
      sort_by: "TIMECREATED",
      sort_order: "DESC",
    });
    expect(vmOf(doc()).lifecycle).toEqual({ ignore_changes: ["source_details[0].source_id"] });
  });

  it("sizes Flex shapes and leaves fixed shapes alone", () => {
    expect(vmOf(doc()).shape_config).toBeUndefined();
    const flex = referencePlan({
      oci: { compartment_id: COMPARTMENT, size: "VM.Standard.E5.Flex" },
    });
    expect(vmOf(ociModule.nodeResources(nodeInput(flex, "oci"))).shape_config).toEqual({
      ocpus: 1,
      memory_in_gbs: 4,
    });
  });

  it("takes the compartment from a Terraform variable when the lab file has none", () => {
    const without = referencePlan();
    const doc = ociModule.nodeResources(nodeInput(without, "oci"));
    expect(exprText(onlyResource(doc, "oci_core_vcn").compartment_id)).toBe(
      "var.oci_compartment_ocid",
    );
    const nodes = without.nodes.filter((node) => node.cloud === "oci");
    const shared = ociModule.labResources?.({ plan: without, nodes });
    expect(Object.keys(shared?.variable ?? {})).toEqual(["oci_compartment_ocid"]);
  });

  it("declares no compartment variable when every OCI node names its compartment", () => {
    const nodes = plan.nodes.filter((node) => node.cloud === "oci");
    expect(ociModule.labResources?.({ plan, nodes })).toEqual({});
  });
});
