import { sh, shellLiteral, type BootStep } from "../shell-text.js";

export const FIREWALL_SCRIPT_PATH = "/usr/local/sbin/ztlab-firewall";

export function firewallStep(): BootStep {
  return {
    title: "host firewall and container forwarding",
    body: sh`put_file 0755 ${FIREWALL_SCRIPT_PATH} <<'ZTLAB_EOF'
${renderFirewallScript()}ZTLAB_EOF
# Restored rule sets (Oracle's images load one with a final REJECT) come first, ours after.
put_file 0644 /etc/systemd/system/ztlab-firewall.service <<'ZTLAB_EOF'
[Unit]
Description=ztlab host firewall openings
After=netfilter-persistent.service ufw.service
Before=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${FIREWALL_SCRIPT_PATH}

[Install]
WantedBy=multi-user.target
ZTLAB_EOF
# Docker rebuilds its chains and sets FORWARD to DROP whenever it starts: re-apply after it.
install -d -m 0755 /etc/systemd/system/docker.service.d
put_file 0644 /etc/systemd/system/docker.service.d/ztlab-firewall.conf <<'ZTLAB_EOF'
[Service]
ExecStartPost=${FIREWALL_SCRIPT_PATH}
ZTLAB_EOF
systemctl daemon-reload
systemctl enable ztlab-firewall.service
${FIREWALL_SCRIPT_PATH}
`,
  };
}

/**
 * The firewall script run at first boot, at every boot and after every Docker start. Rules are
 * inserted, never appended, because some images end INPUT and FORWARD with an explicit REJECT;
 * each is checked first so running it again adds nothing.
 */
export function renderFirewallScript(): string {
  return shellLiteral`#!/bin/bash
# ztlab: host firewall openings and ZeroTier <-> container forwarding. Safe to run repeatedly.
set -euo pipefail

ensure_rule() {
  local tool="$1" chain="$2"
  shift 2
  "$tool" -w -C "$chain" "$@" 2>/dev/null || "$tool" -w -I "$chain" 1 "$@"
}

# Inserted at the top in reverse, so the chain reads in the order written here.
open_input() {
  local tool="$1" icmp="$2"
  ensure_rule "$tool" INPUT -p 89 -j ACCEPT
  ensure_rule "$tool" INPUT -p tcp -m multiport --dports 22,53,80,443 -j ACCEPT
  ensure_rule "$tool" INPUT -p udp -m multiport --dports 53,9993 -j ACCEPT
  ensure_rule "$tool" INPUT -p "$icmp" -j ACCEPT
  ensure_rule "$tool" INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
}

# DOCKER-USER is Docker's chain for rules it leaves alone; it exists once Docker has started.
open_forwarding() {
  local tool="$1" metadata="$2"
  "$tool" -w -n -L DOCKER-USER >/dev/null 2>&1 || return 0
  ensure_rule "$tool" DOCKER-USER -i docker0 -o zt+ -j ACCEPT
  ensure_rule "$tool" DOCKER-USER -i zt+ -o docker0 -j ACCEPT
  # The metadata service hands out the user-data, which holds this node's secrets.
  ensure_rule "$tool" DOCKER-USER -d "$metadata" -j DROP
}

open_input iptables icmp
open_input ip6tables ipv6-icmp
open_forwarding iptables 169.254.169.254/32
open_forwarding ip6tables fd00:ec2::254/128
`;
}
