// Assembling the lab: plan + first-boot scripts + cloud modules + ZeroTier resources become the
// Terraform directory's files. No terminal; the only disk access is writeSynthDirectory.
export { synthesizeLab } from "./synthesize-lab.js";
export type { SynthOptions, SynthResult, RenderBootScript } from "./synthesize-lab.js";
export { writeSynthDirectory, checkSynthDirectory } from "./write-synth-directory.js";
export type { SynthDirectoryOptions } from "./write-synth-directory.js";
export { nodeTargets, nodePrefix } from "./node-targets.js";
export type { SynthNode } from "./node-targets.js";
export { bootUserData, bootValueReference } from "./boot-user-data.js";
export { flowRulesTemplate } from "./flow-rules-template.js";
