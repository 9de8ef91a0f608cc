// What a node runs at first boot: the cloud-init user-data script and the files it writes
// (bird.conf, Docker's daemon.json). Pure text rendering; secrets stay placeholders.
export { bootScriptText } from "./boot-script.js";
export type { BootScript, BootValue, BootValueKind } from "./boot-script.js";
export { renderBootScript } from "./render-boot-script.js";
export { renderBirdConfig, OSPF_INTERFACE_PATTERN } from "./bird-config.js";
export { renderDockerDaemonConfig } from "./docker-daemon-config.js";
export { renderFirewallScript } from "./script-steps/firewall.js";
export { renderZtDnsScript } from "./script-steps/resolved.js";
export { JOIN_TIMEOUT_MINUTES } from "./script-steps/preamble.js";
export { ZERONSD_IMAGE } from "./script-steps/zeronsd.js";
