import {
  bootScriptText,
  renderBootScript,
  type BootScript,
  type BootValueKind,
} from "../boot/index.js";
import {
  checkUserDataSize,
  cloudModule as registeredModule,
  type CloudModule,
} from "../clouds/index.js";
import type { CloudKind } from "../config/index.js";
import { ValidationError, type ValidationProblem } from "../errors/index.js";
import type { LabPlan, PlannedNode } from "../plan/index.js";
import {
  renderTerraformJson,
  type StateBackendSetting,
  type TfDocument,
} from "../terraform/index.js";
import { bootUserData } from "./boot-user-data.js";
import { collectTargets, nodePrefix, type SynthNode } from "./node-targets.js";
import { outputsDocument, type NodeOutputInput } from "./outputs-document.js";
import { providersDocument, type CloudInUse } from "./providers-document.js";
import { zerotierDocument } from "./zerotier-document.js";
import { checkLabRules } from "../zerotier/index.js";

// Lengths of the values Terraform fills in (identity.public and .secret files, ids, token), so the
// size of the script a node receives is checked before apply.
const VALUE_LENGTHS: Readonly<Record<BootValueKind, number>> = {
  "identity-public": 141,
  "identity-secret": 270,
  "node-id": 10,
  "network-id": 16,
  "central-token": 32,
};

const PLACEHOLDER_VALUES = Object.fromEntries(
  Object.entries(VALUE_LENGTHS).map(([kind, length]) => [kind, "0".repeat(length)]),
) as Record<BootValueKind, string>;

export type RenderBootScript = (input: { plan: LabPlan; node: PlannedNode }) => BootScript;

export interface SynthOptions {
  /** The first-boot script of a node; boot/'s renderer unless a test passes its own. */
  renderBootScript?: RenderBootScript;
  /** The module of a cloud; the registry of clouds/ unless a test passes its own. */
  cloudModule?: (kind: CloudKind) => CloudModule | undefined;
  /** Where Terraform keeps the state; the default is a local terraform.tfstate. */
  state?: StateBackendSetting;
}

export interface SynthResult {
  /** File name to its text, deterministic for the same plan. */
  files: Record<string, string>;
  /** The enabled nodes, in lab-file order, with their files and `-target` addresses. */
  nodes: SynthNode[];
}

/** The lab's Terraform directory as files: providers, ZeroTier, one file per node, outputs. */
export function synthesizeLab(plan: LabPlan, options: SynthOptions = {}): SynthResult {
  checkLabRules(plan);
  const lookup = options.cloudModule ?? registeredModule;
  const nodes = plan.nodes.filter((node) => node.enabled);
  const modules = modulesFor(nodes, lookup);
  const render = options.renderBootScript ?? renderBootScript;

  const clouds = groupByCloud(nodes, modules);
  const docs: Record<string, TfDocument> = {
    "providers.tf.json": providersDocument(clouds, options.state),
    "zerotier.tf.json": zerotierDocument(plan, nodes),
  };
  for (const { module, nodes: cloudNodes } of clouds) {
    const shared = module.labResources?.({ plan, nodes: cloudNodes });
    if (shared !== undefined && Object.keys(shared).length > 0) {
      docs[`cloud-${module.cloud}.tf.json`] = shared;
    }
  }

  const synthNodes: SynthNode[] = [];
  const outputs: NodeOutputInput[] = [];
  for (const node of nodes) {
    const module = modules.get(node.name) as CloudModule;
    const script = render({ plan, node });
    checkUserDataSize(node, module, bootScriptText(script, PLACEHOLDER_VALUES));
    const input = { plan, node, userData: bootUserData(script), prefix: nodePrefix(node.name) };
    const doc = module.nodeResources(input);
    const file = `node-${node.name}.tf.json`;
    docs[file] = doc;
    synthNodes.push({
      name: node.name,
      cloud: node.cloud,
      file,
      prefix: input.prefix,
      targets: collectTargets(node.name, doc),
    });
    outputs.push({ module, input });
  }
  docs["outputs.tf.json"] = outputsDocument(outputs);

  const files: Record<string, string> = {};
  for (const name of Object.keys(docs).sort()) files[name] = renderTerraformJson(docs[name] ?? {});
  return { files, nodes: synthNodes };
}

// Every node on a cloud without a module is reported at once, before anything is built.
function modulesFor(
  nodes: readonly PlannedNode[],
  lookup: (kind: CloudKind) => CloudModule | undefined,
): Map<string, CloudModule> {
  const modules = new Map<string, CloudModule>();
  const problems: ValidationProblem[] = [];
  for (const node of nodes) {
    const module = lookup(node.cloud);
    if (module === undefined) {
      problems.push({
        path: `instances.${node.name}`,
        message: `not supported yet: ${node.cloud}`,
        hint: "set enabled: false on it to synthesize the other nodes",
      });
    } else modules.set(node.name, module);
  }
  if (problems.length > 0) throw new ValidationError(problems, { code: "cloud-not-supported" });
  return modules;
}

function groupByCloud(
  nodes: readonly PlannedNode[],
  modules: ReadonlyMap<string, CloudModule>,
): CloudInUse[] {
  const byCloud = new Map<CloudKind, { module: CloudModule; nodes: PlannedNode[] }>();
  for (const node of nodes) {
    const module = modules.get(node.name) as CloudModule;
    const entry = byCloud.get(module.cloud) ?? { module, nodes: [] };
    entry.nodes.push(node);
    byCloud.set(module.cloud, entry);
  }
  return [...byCloud.values()];
}
