// Post-deploy verification over SSH: what to run on each node, how to read what comes back, and
// the node-by-check matrix. Runs commands through the system ssh client; prints nothing.
export { runRemote, sshArgs, SSH_FAILURE_EXIT } from "./ssh-transport.js";
export type { RemoteResult, SshEndpoint, SshSettings } from "./ssh-transport.js";
export { openMaster } from "./ssh-master.js";
export type { SshMaster, MasterOutcome } from "./ssh-master.js";
