import { describe, expect, it } from "vitest";
import { cloudModule, type CloudModule } from "../../src/clouds/index.js";
import type { LabPlan } from "../../src/plan/index.js";
import { providersDocument, ZEROTIER_PROVIDER } from "../../src/synth/providers-document.js";
import { renderTerraformJson } from "../../src/terraform/index.js";
import { referencePlan } from "../helpers/synth-lab.js";

function moduleOf(kind: Parameters<typeof cloudModule>[0]): CloudModule {
  const module = cloudModule(kind);
  if (module === undefined) throw new Error(`no module for ${kind}`);
  return module;
}

function nodesOn(plan: LabPlan, cloud: string) {
  return plan.nodes.filter((node) => node.enabled && node.cloud === cloud);
}

// Two AWS nodes in different regions and a third sharing the first one's region.
const threeAwsNodes = referencePlan(["aws", "aws-b", "aws-c", "do"], (lab) => {
  lab.instances = {
    ...lab.instances,
    aws: { ip_assignment: "10.0.2.1", region: "eu-west-1" },
    "aws-b": { cloud: "aws", ip_assignment: "10.0.10.1", pod_cidr: "10.42.10.0/24" },
    "aws-c": {
      cloud: "aws",
      ip_assignment: "10.0.11.1",
      pod_cidr: "10.42.11.0/24",
      region: "eu-west-1",
    },
  };
});

describe("providersDocument", () => {
  it("declares only ZeroTier, with an empty block, when no cloud is in use", () => {
    expect(providersDocument([])).toEqual({
      terraform: {
        required_version: ">= 1.5.0",
        required_providers: { zerotier: { source: "zerotier/zerotier", version: "~> 1.6" } },
      },
      provider: { zerotier: {} },
    });
  });

  it("gives a regional provider one aliased block per region, in first-seen order", () => {
    const aws = moduleOf("aws");
    const nodes = nodesOn(threeAwsNodes, "aws");
    expect(nodes.map((node) => node.region)).toEqual(["eu-west-1", "us-east-1", "eu-west-1"]);
    const doc = providersDocument([{ module: aws, nodes }]);
    expect(doc.provider?.aws).toEqual([
      { alias: "eu-west-1", region: "eu-west-1" },
      { alias: "us-east-1", region: "us-east-1" },
    ]);
    expect(doc.terraform?.required_providers?.aws).toEqual(aws.provider);
  });

  it("writes a single block as an object, not a list of one", () => {
    const aws = moduleOf("aws");
    const digitalocean = moduleOf("digitalocean");
    const [first] = nodesOn(threeAwsNodes, "aws");
    if (first === undefined) throw new Error("no aws node");
    const doc = providersDocument([
      { module: aws, nodes: [first] },
      { module: digitalocean, nodes: nodesOn(threeAwsNodes, "digitalocean") },
    ]);
    expect(doc.provider).toEqual({
      zerotier: {},
      aws: { alias: "eu-west-1", region: "eu-west-1" },
      digitalocean: {},
    });
    expect(Object.keys(doc.terraform?.required_providers ?? {}).sort()).toEqual([
      "aws",
      "digitalocean",
      "zerotier",
    ]);
  });

  it("adds the state backend to the terraform block", () => {
    const doc = providersDocument([], {
      backend: "gcs",
      bucket: "lab-state",
      prefix: undefined,
    });
    expect(doc.terraform).toMatchObject({ backend: { gcs: { bucket: "lab-state" } } });
    expect(renderTerraformJson(doc)).not.toContain("prefix");
  });

  it("hands out copies of the requirements, so changing the document changes no module", () => {
    const digitalocean = moduleOf("digitalocean");
    const before = { ...digitalocean.provider };
    const doc = providersDocument([
      { module: digitalocean, nodes: nodesOn(threeAwsNodes, "digitalocean") },
    ]);
    const required = doc.terraform?.required_providers ?? {};
    for (const requirement of Object.values(required)) requirement.version = "0.0.0";
    expect(digitalocean.provider).toEqual(before);
    expect(ZEROTIER_PROVIDER.version).toBe("~> 1.6");
  });

  it("puts no credential in any provider block", () => {
    const doc = providersDocument(
      ["aws", "digitalocean"].map((cloud) => ({
        module: moduleOf(cloud as "aws" | "digitalocean"),
        nodes: nodesOn(threeAwsNodes, cloud),
      })),
    );
    const text = JSON.stringify(doc.provider);
    expect(text).not.toMatch(/token|secret|access_key|password/i);
  });
});
