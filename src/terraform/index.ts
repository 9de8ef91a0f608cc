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
export { renderTerraformJson, toJsonValue } from "./render-json.js";
export { escapeTemplateLiteral, hclQuotedTemplate, templateJsonText } from "./render-template.js";
export { writeTerraformDirectory, checkTerraformDirectory } from "./directory-writer.js";
export { MANIFEST_NAME } from "./directory-manifest.js";
export type {
  FileChange,
  WrittenFile,
  WriteDirectoryOptions,
  WriteDirectoryReport,
} from "./directory-writer.js";
export {
  locateEngine,
  parseEngineKind,
  findOnPath,
  parseVersionJson,
  compareVersions,
  ENGINE_KINDS,
  MINIMUM_VERSIONS,
} from "./engine-locate.js";
export type { Engine, EngineKind } from "./engine-locate.js";
export { activeEngineRuns, runEngine } from "./engine-runner.js";
export type {
  ProgressEvent,
  RunnerEvent,
  RunEngineOptions,
  RunEngineResult,
} from "./engine-runner.js";
export { parseEngineLine } from "./engine-events.js";
export type { EngineEvent, ResourceAction, ChangeCounts } from "./engine-events.js";
export { createLineSplitter } from "./json-stream.js";
export type { LineSplitter } from "./json-stream.js";
export { formatDiagnostic, isStateLockDiagnostic, describeStateLock } from "./diagnostics.js";
export type { Diagnostic } from "./diagnostics.js";
export {
  isSecretName,
  maskDeep,
  maskSecrets,
  redactInvocation,
  REDACTED,
  secretValues,
} from "./engine-redact.js";
export type { InvocationDisplay } from "./engine-redact.js";
export { engineEnvironment, isEngineSetting, ENGINE_SETTINGS } from "./engine-env.js";
export {
  engineInit,
  enginePlan,
  engineApply,
  engineOutputs,
  discardPlan,
  PLAN_FILE,
} from "./engine-operations.js";
export type {
  EngineRun,
  PlannedChange,
  PlanResult,
  ApplyResult,
  EngineOutput,
} from "./engine-operations.js";
export {
  EngineFailedError,
  EngineInterruptedError,
  StateLockedError,
  engineFailure,
} from "./engine-failure.js";
export {
  createProgressTally,
  recordEvent,
  countProgress,
  failedResources,
} from "./progress-tally.js";
export type {
  ProgressTally,
  ProgressCounts,
  ResourceProgress,
  ResourceState,
} from "./progress-tally.js";
export { stateBackendBlock } from "./state-backend.js";
export type { StateBackendSetting, StateBlock } from "./state-backend.js";
