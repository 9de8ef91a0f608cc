// Post-deploy verification over SSH: what to run on each node, how to read what comes back, and
// the node-by-check matrix. Runs commands through the system ssh client; prints nothing.
export { runRemote, sshArgs, SSH_FAILURE_EXIT } from "./ssh-transport.js";
export type { RemoteResult, SshEndpoint, SshSettings } from "./ssh-transport.js";
export { openMaster } from "./ssh-master.js";
export type { SshMaster, MasterOutcome } from "./ssh-master.js";
export { PASS, fail, transportProblem } from "./verdict.js";
export type { Verdict } from "./verdict.js";
export { interpretListNetworks } from "./interpret-zerotier.js";
export { interpretPing } from "./interpret-ping.js";
export { interpretHttpStatus } from "./interpret-curl.js";
export { parseBirdRoutes, interpretOspfRoutes } from "./interpret-bird.js";
export type { BirdRoute } from "./interpret-bird.js";
export { interpretContainerAddresses } from "./interpret-ip-addr.js";
export type { ContainerAddresses } from "./interpret-ip-addr.js";
export { parseTsharkSummaries, interpretMirroredFrames } from "./interpret-tshark.js";
export type { CapturedFrame } from "./interpret-tshark.js";
export { CHECK_IDS, CHECK_TITLES, isCheckId, selectChecks } from "./check-ids.js";
export type { CheckId } from "./check-ids.js";
export { CheckMatrix } from "./check-matrix.js";
export type { CheckCell, CheckReport, CellStatus } from "./check-matrix.js";
export { runChecks } from "./run-checks.js";
export type { RunChecksOptions, CheckProgress } from "./run-checks.js";
export { buildCheckLab } from "./check-targets.js";
export type { CheckLab, CheckTarget } from "./check-targets.js";
export { parseLabOutputs, readOutputsFile } from "./lab-outputs.js";
export type { LabOutputs, NodeOutput } from "./lab-outputs.js";
export { mapLimit } from "./map-limit.js";
export { batchScript, splitBatchOutput } from "./step-batch.js";
export {
  PROBE_CONTAINER,
  captureProbeCommand,
  quote as shellQuote,
  withRemoteTimeout,
} from "./check-commands.js";
