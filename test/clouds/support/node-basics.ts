import { randomBytes } from "node:crypto";
// Checks every cloud module must pass, registered as `it`s inside the caller's describe.
import { expect, it } from "vitest";
import { checkUserDataSize, type CloudModule } from "../../../src/clouds/index.js";
import type { LabPlan } from "../../../src/plan/index.js";
import type { TfBody, TfDocument, TfValue } from "../../../src/terraform/index.js";
import {
  danglingReferences,
  declaredAddresses,
  expressionsIn,
  namesWithoutPrefix,
} from "./document-checks.js";
import { scriptThroughTerraform } from "./encoding-round-trip.js";
import { nodeInput, plannedNode, referencePlan, TEST_SCRIPT } from "./lab-fixture.js";
import { expressionSyntaxErrors, hasTerraform } from "./terraform-binary.js";

export interface NodeBasics {
  module: CloudModule;
  /** A plan holding the node, and the node's key. */
  plan: LabPlan;
  node: string;
  /** A plan with two nodes on this cloud in different regions, and their keys. */
  twoNodes: { plan: LabPlan; nodes: [string, string] };
  /** The user-data argument of the node's instance. */
  userDataOf: (doc: TfDocument) => TfValue | undefined;
}

export function itPassesNodeBasics({ module, plan, node, twoNodes, userDataOf }: NodeBasics): void {
  const doc = () => module.nodeResources(nodeInput(plan, node));

  it("refers only to resources and data sources of its own document", () => {
    expect(declaredAddresses(doc()).length).toBeGreaterThan(1);
    expect(danglingReferences(doc())).toEqual([]);
  });

  it("starts every resource and data source name with the node prefix", () => {
    expect(namesWithoutPrefix(doc(), `${node}_`)).toEqual([]);
  });

  it.skipIf(!hasTerraform)("writes expressions terraform parses", () => {
    const all = [
      ...expressionsIn(doc().resource as TfBody),
      ...expressionsIn(doc().data as TfBody),
    ];
    const addresses = module.publicAddresses(nodeInput(plan, node));
    all.push(addresses.ipv4.expression);
    if (addresses.ipv6 !== undefined) all.push(addresses.ipv6.expression);
    expect(expressionSyntaxErrors(all)).toBe("");
  });

  it.skipIf(!hasTerraform)("delivers the first-boot script byte for byte through terraform", () => {
    const argument = userDataOf(doc());
    expect(argument).toBeDefined();
    expect(scriptThroughTerraform(argument as TfValue, module.userData.encoding)).toBe(TEST_SCRIPT);
  });

  it("synthesizes two nodes in two regions without a shared name or address", () => {
    const [a, b] = twoNodes.nodes;
    const first = module.nodeResources(nodeInput(twoNodes.plan, a));
    const second = module.nodeResources(nodeInput(twoNodes.plan, b));
    const firstNames = new Set(declaredAddresses(first));
    expect(declaredAddresses(second).filter((address) => firstNames.has(address))).toEqual([]);
    expect(cloudNames(first).filter((name) => cloudNames(second).includes(name))).toEqual([]);
    expect(danglingReferences(second)).toEqual([]);
    expect(plannedNode(twoNodes.plan, a).region).not.toBe(plannedNode(twoNodes.plan, b).region);
  });

  it("rejects a first-boot script over the cloud's limit, naming node, size and limit", () => {
    const limit = module.userData.limitBytes;
    const target = plannedNode(plan, node);
    if (limit === undefined) {
      expect(checkUserDataSize(target, module, "x".repeat(1 << 20))).toBeGreaterThan(0);
      return;
    }
    const script = randomText(limit * 3);
    let thrown: unknown;
    try {
      checkUserDataSize(target, module, script);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "user-data-too-large", exitCode: 2 });
    const message = (thrown as Error).message;
    expect(message).toContain(`instances.${node}`);
    expect(message).toContain(`limit of ${limit} bytes`);
    expect(message).toMatch(/is \d+ bytes/);
    expect(checkUserDataSize(target, module, "#!/bin/sh\necho ok\n")).toBeLessThan(limit);
  });
}

/** The reference lab plus a second node of `cloud` named `key` in `region`. */
export function planWithSecondNode(cloud: string, key: string, region: string): LabPlan {
  return referencePlan({ [key]: { cloud: cloud as never, region } });
}

// Values of `name`-like arguments: what the cloud itself must see as distinct.
function cloudNames(doc: TfDocument): string[] {
  const names: string[] = [];
  for (const byName of Object.values(doc.resource ?? {})) {
    for (const body of Object.values(byName)) {
      for (const key of [
        "name",
        "label",
        "key_name",
        "display_name",
        "vpc_name",
        "instance_name",
      ]) {
        const value = body[key];
        if (typeof value === "string") names.push(value);
      }
    }
  }
  return names;
}

// Random bytes as text: gzip cannot shrink it much below its own length.
function randomText(length: number): string {
  return randomBytes(length).toString("base64").slice(0, length);
}
