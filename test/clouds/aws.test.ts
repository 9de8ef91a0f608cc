import { describe, expect, it } from "vitest";
import { awsModule } from "../../src/clouds/aws.js";
import { exprText, onlyResource, resourcesOf } from "./support/document-checks.js";
import { nodeInput, plannedNode, referencePlan } from "./support/lab-fixture.js";
import { itPassesNodeBasics, planWithSecondNode } from "./support/node-basics.js";

const plan = referencePlan();
const doc = () => awsModule.nodeResources(nodeInput(plan, "aws"));

describe("awsModule", () => {
  itPassesNodeBasics({
    module: awsModule,
    plan,
    node: "aws",
    twoNodes: { plan: planWithSecondNode("aws", "aws2", "eu-west-1"), nodes: ["aws", "aws2"] },
    userDataOf: (d) => onlyResource(d, "aws_instance").user_data_base64,
  });

  it("builds a dual-stack VPC with gateway, default routes for both families and a subnet", () => {
    const d = doc();
    expect(onlyResource(d, "aws_vpc")).toMatchObject({ assign_generated_ipv6_cidr_block: true });
    expect(exprText(onlyResource(d, "aws_subnet").ipv6_cidr_block)).toContain("aws_vpc.aws_vpc");
    const routes = resourcesOf(d, "aws_route");
    expect(
      routes.map((r) => r.destination_cidr_block ?? r.destination_ipv6_cidr_block).sort(),
    ).toEqual(["0.0.0.0/0", "::/0"]);
    for (const route of routes)
      expect(exprText(route.gateway_id)).toBe("aws_internet_gateway.aws_igw.id");
    expect(resourcesOf(d, "aws_route_table_association")).toHaveLength(1);
    expect(d.resource?.aws_network_acl).toBeUndefined();
  });

  it("opens UDP 9993 and SSH over IPv4 and IPv6 and all outbound traffic", () => {
    const ingress = resourcesOf(doc(), "aws_vpc_security_group_ingress_rule");
    const opened = ingress.map(
      (r) => `${r.ip_protocol}/${r.from_port}-${r.to_port}/${r.cidr_ipv4 ?? r.cidr_ipv6}`,
    );
    expect(opened.sort()).toEqual([
      "tcp/22-22/0.0.0.0/0",
      "tcp/22-22/::/0",
      "udp/9993-9993/0.0.0.0/0",
      "udp/9993-9993/::/0",
    ]);
    const egress = resourcesOf(doc(), "aws_vpc_security_group_egress_rule");
    expect(egress.map((r) => `${r.ip_protocol}/${r.cidr_ipv4 ?? r.cidr_ipv6}`).sort()).toEqual([
      "-1/0.0.0.0/0",
      "-1/::/0",
    ]);
    expect(onlyResource(doc(), "aws_security_group").ingress).toBeUndefined();
  });

  it("lets the instance forward, gives it IPv6 and passes gzip user-data in the base64 argument", () => {
    const vm = onlyResource(doc(), "aws_instance");
    expect(vm).toMatchObject({
      source_dest_check: false,
      ipv6_address_count: 1,
      instance_type: "t3.micro",
    });
    expect(vm.user_data).toBeUndefined();
    expect(exprText(vm.user_data_base64)).toMatch(/^base64gzip\("/);
    expect(vm.metadata_options).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
  });

  it("looks up Canonical's newest noble AMI and ignores later AMI changes", () => {
    const ami = Object.values(doc().data?.aws_ami ?? {})[0];
    expect(ami).toMatchObject({ most_recent: true, owners: ["099720109477"] });
    expect(JSON.stringify(ami?.filter)).toContain("ubuntu-noble-24.04-amd64-server-*");
    const vm = onlyResource(doc(), "aws_instance");
    expect(exprText(vm.ami)).toBe("data.aws_ami.aws_ubuntu.id");
    expect(vm.lifecycle).toEqual({ ignore_changes: ["ami"] });
  });

  it("uses an image override as the AMI without a lookup", () => {
    const custom = referencePlan({ aws: { image: "ami-0123456789abcdef0" } });
    const d = awsModule.nodeResources(nodeInput(custom, "aws"));
    expect(d.data).toBeUndefined();
    expect(onlyResource(d, "aws_instance")).toMatchObject({ ami: "ami-0123456789abcdef0" });
    expect(onlyResource(d, "aws_instance").lifecycle).toBeUndefined();
  });

  it("allocates an Elastic IP with domain vpc after the gateway exists", () => {
    const eip = onlyResource(doc(), "aws_eip");
    expect(eip).toMatchObject({ domain: "vpc", depends_on: ["aws_internet_gateway.aws_igw"] });
    expect(eip.vpc).toBeUndefined();
    expect(exprText(awsModule.publicAddresses(nodeInput(plan, "aws")).ipv4)).toBe(
      "aws_eip.aws_ip.public_ip",
    );
  });

  it("registers the first user's key as the instance key pair", () => {
    expect(onlyResource(doc(), "aws_key_pair").public_key).toBe(plan.users[0]?.sshPublicKey);
    expect(exprText(onlyResource(doc(), "aws_instance").key_name)).toBe(
      "aws_key_pair.aws_key.key_name",
    );
  });

  it("configures one aliased provider per region and binds every block to its node's region", () => {
    const two = planWithSecondNode("aws", "aws2", "eu-west-1");
    const nodes = [plannedNode(two, "aws"), plannedNode(two, "aws2")];
    expect(awsModule.providerBlocks([...nodes, nodes[0]!])).toEqual([
      { alias: "us-east-1", region: "us-east-1" },
      { alias: "eu-west-1", region: "eu-west-1" },
    ]);
    const second = awsModule.nodeResources(nodeInput(two, "aws2"));
    for (const section of [second.resource, second.data]) {
      for (const byName of Object.values(section ?? {})) {
        for (const body of Object.values(byName)) expect(body.provider).toBe("aws.eu-west-1");
      }
    }
  });

  it("places the subnet in the lab's zone, and leaves the zone to AWS when it is of another region", () => {
    expect(onlyResource(doc(), "aws_subnet").availability_zone).toBe("us-east-1a");
    const moved = planWithSecondNode("aws", "aws2", "eu-west-1");
    const subnet = onlyResource(awsModule.nodeResources(nodeInput(moved, "aws2")), "aws_subnet");
    expect(subnet.availability_zone).toBeUndefined();
  });
});
