import type { MemberAddressing } from "../../zerotier/index.js";

/** `ztlab addr` as aligned `label  value` lines. */
export function renderAddressing(addressing: MemberAddressing): string {
  const rows: [string, string][] = [
    ["network", addressing.networkId],
    ["node", addressing.nodeId],
    ["interface", addressing.interfaceName],
    ["mac", addressing.mac],
    ["rfc4193", addressing.rfc4193],
    ["rfc4193 /88", addressing.rfc4193Prefix88],
    ["6plane", addressing.sixplane],
    ["6plane /80", addressing.sixplanePrefix80],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n") + "\n";
}
