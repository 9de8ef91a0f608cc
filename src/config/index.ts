// The lab file: its schema, defaults, loading and validation errors.
// It knows nothing of addresses beyond single-field formats; plan/ resolves and cross-checks.
export { loadLab } from "./load-lab.js";
export type { LoadedLab } from "./load-lab.js";
export { validateLab, isUnder, sortProblems } from "./validate-lab.js";
export { InvalidLabError } from "./invalid-lab-error.js";
export { findLabSource, parseLabText, LAB_FILE_NAMES } from "./lab-source.js";
export type { LabSource, ParsedLab, Locate, LabFormat } from "./lab-source.js";
export { labSchema } from "./lab-schema.js";
export type {
  LabInput,
  LabConfig,
  InstanceConfig,
  UserConfig,
  DeviceConfig,
  NetworkConfig,
  FlowRulesMode,
} from "./lab-schema.js";
export { REFERENCE_LAB } from "./reference-lab.js";
export { defineLab } from "./define-lab.js";
export {
  checkDnsLabel,
  checkLinuxUsername,
  checkMemberId,
  checkSshPublicKey,
} from "./field-formats.js";
export {
  CLOUD_KINDS,
  SHORT_KEY_CLOUDS,
  RETIRED_CLOUDS,
  isCloudKind,
  inferCloud,
} from "./cloud-kinds.js";
export type { CloudKind } from "./cloud-kinds.js";
export { labJsonSchema } from "./json-schema.js";
export { STARTER_LAB_YAML, starterLabText, writeStarterLab } from "./starter-lab.js";
export { editLabText, replaceLabFile, checkLabFileWritable } from "./edit-lab-file.js";
export type { LabEdit, LabScalar } from "./edit-lab-file.js";
