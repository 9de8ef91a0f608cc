// Node inputs built the way the product builds them: the reference lab through validateLab and
// resolvePlan, plus a small first-boot template full of characters Terraform treats specially.
import type { NodeResourcesInput } from "../../../src/clouds/index.js";
import { REFERENCE_LAB, validateLab, type LabInput } from "../../../src/config/index.js";
import { resolvePlan, type LabPlan, type PlannedNode } from "../../../src/plan/index.js";
import { tfExpr, tfTemplate, type TfTemplate } from "../../../src/terraform/index.js";

type Instances = NonNullable<LabInput["instances"]>;

/** The reference lab with instances changed or added (undefined removes one). */
export function referencePlan(
  changes: Record<string, Instances[string] | undefined> = {},
): LabPlan {
  const instances: Instances = { ...REFERENCE_LAB.instances };
  for (const [name, instance] of Object.entries(changes)) {
    if (instance === undefined) delete instances[name];
    else instances[name] = instance;
  }
  return resolvePlan(validateLab({ ...REFERENCE_LAB, instances }, {}));
}

/** The reference lab without users (and with extra instances): clouds needing a key refuse it. */
export function planWithoutUsers(extra: Instances = {}): LabPlan {
  const instances = { ...REFERENCE_LAB.instances, ...extra };
  return resolvePlan(validateLab({ ...REFERENCE_LAB, users: {}, instances }, {}));
}

export function plannedNode(plan: LabPlan, name: string): PlannedNode {
  const node = plan.nodes.find((candidate) => candidate.name === name);
  if (node === undefined) throw new Error(`no node ${name} in the plan`);
  return node;
}

/** Value of the local the test template interpolates, as Terraform yields it. */
export const SECRET_VALUE = "id-secret:${not-a-ref}";

const LITERAL_HEAD = "#!/bin/bash\nset -eu\necho \"${HOME}\" 'C:\\tmp' %{ if x }\ttab\r\nlast=$";
const LITERAL_TAIL = " $${kept} %%{kept} \u0007bell\n";

/** A first-boot template with `${`, `%{`, quotes, backslashes and a `$` before a live value. */
export const TEST_TEMPLATE: TfTemplate = tfTemplate([
  LITERAL_HEAD,
  tfExpr("local.secret"),
  LITERAL_TAIL,
]);

/** The script a VM must receive from TEST_TEMPLATE. */
export const TEST_SCRIPT = LITERAL_HEAD + SECRET_VALUE + LITERAL_TAIL;

export function nodeInput(
  plan: LabPlan,
  name: string,
  userData = TEST_TEMPLATE,
): NodeResourcesInput {
  return { plan, node: plannedNode(plan, name), userData, prefix: `${name}_` };
}
