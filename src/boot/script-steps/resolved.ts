import { sh, shellLiteral, type BootStep } from "../shell-text.js";

export const ZT_DNS_SCRIPT_PATH = "/usr/local/sbin/ztlab-zt-dns";

/**
 * ZeroTier does not configure the resolver on Linux. A timer hands each network's published DNS
 * (domain and servers) to systemd-resolved for that network's interface, so names under the
 * network's domain resolve while other lookups keep their usual path.
 */
export function resolvedStep(): BootStep {
  return {
    title: "systemd-resolved for names in the network",
    body: sh`put_file 0755 ${ZT_DNS_SCRIPT_PATH} <<'ZTLAB_EOF'
${renderZtDnsScript()}ZTLAB_EOF
put_file 0644 /etc/systemd/system/ztlab-zt-dns.service <<'ZTLAB_EOF'
[Unit]
Description=ztlab: ZeroTier network DNS into systemd-resolved
After=zerotier-one.service systemd-resolved.service

[Service]
Type=oneshot
ExecStart=${ZT_DNS_SCRIPT_PATH}
ZTLAB_EOF
# resolvectl settings live only as long as the interface, so they are re-applied regularly.
put_file 0644 /etc/systemd/system/ztlab-zt-dns.timer <<'ZTLAB_EOF'
[Unit]
Description=ztlab: keep ZeroTier network DNS in systemd-resolved

[Timer]
OnBootSec=15s
OnUnitActiveSec=30s

[Install]
WantedBy=timers.target
ZTLAB_EOF
systemctl daemon-reload
systemctl enable --now systemd-resolved.service ztlab-zt-dns.timer
${ZT_DNS_SCRIPT_PATH}
echo "names under $NETWORK_NAME resolve through the network's DNS once it is published"
`,
  };
}

export function renderZtDnsScript(): string {
  return shellLiteral`#!/bin/bash
# ztlab: per-interface DNS for every joined ZeroTier network that publishes a domain and servers.
set -euo pipefail

jq_filter='.[] | select((.dns.domain // "") != "" and ((.dns.servers // []) | length) > 0)
  | [.portDeviceName, (.dns.domain | rtrimstr("."))] + .dns.servers | @tsv'

while IFS=$'\t' read -r -a fields; do
  device=\${fields[0]}
  domain=\${fields[1]}
  [[ -e /sys/class/net/$device ]] || continue
  resolvectl dns "$device" "\${fields[@]:2}"
  # The ~ makes the domain a routing domain: only its names go to these servers.
  resolvectl domain "$device" "~$domain"
  resolvectl dnssec "$device" no
done < <(zerotier-cli -j listnetworks | jq -r "$jq_filter")
`;
}
