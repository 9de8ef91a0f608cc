// What a node runs at first boot: the cloud-init user-data script and the files it writes
// (bird.conf, Docker's daemon.json). Pure text rendering; secrets stay placeholders.
export { bootScriptText } from "./boot-script.js";
export type { BootScript, BootValue, BootValueKind } from "./boot-script.js";
