// Terraform's side of ztlab: a typed model of the JSON configuration syntax, its one escaping
// renderer and the directory writer, and the runner that drives terraform or tofu.
// It knows nothing of clouds or ZeroTier; synth/ assembles the lab from those.
export {
  TfExpression,
  TfTemplate,
  tfExpr,
  tfTemplate,
  resourceAddress,
} from "./terraform-model.js";
export type { TfValue, TfBody, TfDocument, TfProviderRequirement } from "./terraform-model.js";
export { renderTerraformJson, escapeTemplateLiteral, toJsonValue } from "./render-json.js";
export { writeTerraformDirectory, MANIFEST_NAME } from "./directory-writer.js";
export type {
  FileChange,
  WrittenFile,
  WriteDirectoryOptions,
  WriteDirectoryReport,
} from "./directory-writer.js";
