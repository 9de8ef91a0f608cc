#!/bin/bash
# ztlab first boot of node aws (aws.demo.lab). Running it again on a booted node is
# harmless: files are replaced only when they differ and rules are inserted only when missing.
set -Eeuo pipefail
umask 022
export DEBIAN_FRONTEND=noninteractive
ZTLAB_STEP="start"

on_error() {
  local rc=$?
  echo "ztlab: step \"$ZTLAB_STEP\" failed at line $1 (exit $rc)" >&2
}
trap 'on_error $LINENO' ERR

step() {
  ZTLAB_STEP="$1"
  echo "==> ztlab $(date -u +%H:%M:%S) step $1"
}

fail() {
  echo "ztlab: step \"$ZTLAB_STEP\": $*" >&2
  exit 1
}

# Replaces a file with stdin only when the content differs; FILE_CHANGED tells which happened.
put_file() {
  local mode="$1" target="$2" tmp
  tmp=$(mktemp -p "${target%/*}")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    FILE_CHANGED=0
  else
    mv -f "$tmp" "$target"
    FILE_CHANGED=1
  fi
}

ensure_line() {
  grep -qxF -- "$2" "$1" 2>/dev/null || printf '%s\n' "$2" >>"$1"
}

sixplane_prefix80() {
  local nwid=${1,,} node=${2,,} hex i start=-1 best=1 best_at=-1 head tail
  local -a groups=()
  [[ $nwid =~ ^[0-9a-f]{16}$ && $node =~ ^[0-9a-f]{10}$ ]] || return 1
  hex=$(printf 'fc%08x%s000000000000' $((16#${nwid:0:8} ^ 16#${nwid:8:8})) "$node")
  for i in 0 1 2 3 4 5 6 7; do
    groups+=("$(printf '%x' $((16#${hex:i*4:4})))")
  done
  # The longest run of two or more zero groups becomes "::"; the leftmost run wins a tie.
  for i in 0 1 2 3 4 5 6 7 8; do
    if ((i < 8)) && [[ ${groups[i]} == 0 ]]; then
      if ((start < 0)); then start=$i; fi
    else
      if ((start >= 0 && i - start > best)); then
        best=$((i - start))
        best_at=$start
      fi
      start=-1
    fi
  done
  if ((best_at < 0)); then
    (IFS=:; printf '%s/80\n' "${groups[*]}")
    return 0
  fi
  head=$(IFS=:; echo "${groups[*]:0:best_at}")
  tail=$(IFS=:; echo "${groups[*]:best_at+best}")
  printf '%s::%s/80\n' "$head" "$tail"
}

exec 9>/run/ztlab-first-boot.lock
flock -n 9 || fail "another ztlab first boot is running"

NODE_NAME='aws'
NODE_FQDN='aws.demo.lab'
NODE_IP='10.0.2.1'
NETWORK_NAME='demo.lab'
ZT_NETWORK_ID='8bd5124fd6f45ffe'
ZT_NODE_ID='8e4df28b72'
ZT_JOIN_TIMEOUT=$((10 * 60))
[[ $ZT_NETWORK_ID =~ ^[0-9a-f]{16}$ ]] || fail "network id is not 16 hex digits"
[[ $ZT_NODE_ID =~ ^[0-9a-f]{10}$ ]] || fail "node id is not 10 hex digits"
echo "ztlab: node $NODE_NAME ($NODE_FQDN, $NODE_IP), ZeroTier node $ZT_NODE_ID on $ZT_NETWORK_ID"

step '1/12 hostname and /etc/hosts'
if [[ $(hostname) != "$NODE_NAME" ]]; then hostnamectl set-hostname "$NODE_NAME"; fi
# Keep cloud-init from setting the cloud's own hostname again on the next boot.
install -d -m 0755 /etc/cloud/cloud.cfg.d
put_file 0644 /etc/cloud/cloud.cfg.d/99-ztlab-hostname.cfg <<'ZTLAB_EOF'
preserve_hostname: true
ZTLAB_EOF
ensure_line /etc/hosts "$NODE_IP $NODE_FQDN $NODE_NAME"
echo "hostname aws, /etc/hosts maps $NODE_FQDN to $NODE_IP"

step '2/12 users with SSH keys and sudo'
add_user() {
  local name="$1" key="$2" home sudoers
  if ! id -u "$name" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$name"
  fi
  home=$(getent passwd "$name" | cut -d: -f6)
  install -d -m 0700 -o "$name" -g "$(id -gn "$name")" "$home/.ssh"
  put_file 0600 "$home/.ssh/authorized_keys" < <(printf '%s\n' "$key")
  chown "$name:$(id -gn "$name")" "$home/.ssh/authorized_keys"
  # sudo skips files in sudoers.d whose names contain a dot.
  sudoers="/etc/sudoers.d/90-ztlab-${name//[^A-Za-z0-9_-]/_}"
  put_file 0440 "$sudoers" < <(printf '%s ALL=(ALL) NOPASSWD:ALL\n' "$name")
  visudo -cqf "$sudoers" || fail "sudoers entry for $name is invalid"
  echo "user $name: SSH key and passwordless sudo"
}
add_user 'alice' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com'
add_user 'bob' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFUbMHLnHctahVLslguSikJr0z5hhHbEA03ZAZBmVe5 bob@example.com'

step '3/12 host firewall and container forwarding'
put_file 0755 /usr/local/sbin/ztlab-firewall <<'ZTLAB_EOF'
#!/bin/bash
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
ZTLAB_EOF
# Restored rule sets (Oracle's images load one with a final REJECT) come first, ours after.
put_file 0644 /etc/systemd/system/ztlab-firewall.service <<'ZTLAB_EOF'
[Unit]
Description=ztlab host firewall openings
After=netfilter-persistent.service ufw.service
Before=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/ztlab-firewall

[Install]
WantedBy=multi-user.target
ZTLAB_EOF
# Docker rebuilds its chains and sets FORWARD to DROP whenever it starts: re-apply after it.
install -d -m 0755 /etc/systemd/system/docker.service.d
put_file 0644 /etc/systemd/system/docker.service.d/ztlab-firewall.conf <<'ZTLAB_EOF'
[Service]
ExecStartPost=/usr/local/sbin/ztlab-firewall
ZTLAB_EOF
systemctl daemon-reload
systemctl enable ztlab-firewall.service
/usr/local/sbin/ztlab-firewall

step '4/12 ZeroTier identity'
ZT_IDENTITY_PUBLIC='8e4df28b72:0:ac3d46abe0c21f3cfe7a6c8d6a85cfcffcb82fbd55af6a4d6350657c68200843fa2e16f9418bbd9702cae365f2af5fb4c420908b803a681d4daef6114d78a2d7'
ZT_IDENTITY_SECRET='8e4df28b72:0:ac3d46abe0c21f3cfe7a6c8d6a85cfcffcb82fbd55af6a4d6350657c68200843fa2e16f9418bbd9702cae365f2af5fb4c420908b803a681d4daef6114d78a2d7:bd8dd6e4ce7022d2f812797a80c6ee8ad180dc4ebf301dec8b06d1be08832bddd63a2f1cfa7b2c504474c75bdc8898ba476ef92e8e2d0509f8441985171ff16e'
[[ $ZT_IDENTITY_PUBLIC =~ ^[0-9a-f]{10}:0:[0-9a-f]{128}$ ]] ||
  fail "identity.public is not <node id>:0:<128 hex digits>"
[[ ${ZT_IDENTITY_PUBLIC:0:10} == "$ZT_NODE_ID" ]] || fail "the identity is not node $ZT_NODE_ID"
[[ $ZT_IDENTITY_SECRET =~ ^[0-9a-f]{10}:0:[0-9a-f]{128}:[0-9a-f]{128}$ ]] ||
  fail "identity.secret is not <public identity>:<128 hex digits>"
[[ $ZT_IDENTITY_SECRET == "$ZT_IDENTITY_PUBLIC":* ]] ||
  fail "identity.secret does not belong to identity.public"
install -d -m 0700 /var/lib/zerotier-one
# Exact content, no trailing newline; the secret is readable by root only.
put_file 0644 /var/lib/zerotier-one/identity.public < <(printf '%s' "$ZT_IDENTITY_PUBLIC")
ZT_IDENTITY_CHANGED=$FILE_CHANGED
put_file 0600 /var/lib/zerotier-one/identity.secret < <(printf '%s' "$ZT_IDENTITY_SECRET")
ZT_IDENTITY_CHANGED=$((ZT_IDENTITY_CHANGED | FILE_CHANGED))
unset ZT_IDENTITY_SECRET
if [[ $ZT_IDENTITY_CHANGED == 1 ]] && systemctl is-active -q zerotier-one; then
  systemctl restart zerotier-one
fi
echo "identity of node $ZT_NODE_ID is in /var/lib/zerotier-one"

step '5/12 package manager setup'
put_file 0644 /etc/apt/apt.conf.d/90ztlab <<'ZTLAB_EOF'
// ztlab first boot: wait for the dpkg lock (unattended upgrades hold it at first boot), never ask.
DPkg::Lock::Timeout "900";
APT::Get::Assume-Yes "true";
Acquire::Retries "5";
Dpkg::Options { "--force-confdef"; "--force-confold"; };
ZTLAB_EOF
apt-get -q update
apt-get -q install gnupg curl ca-certificates jq

step '6/12 install zerotier-one'
ZT_KEYRING=/usr/share/keyrings/zerotier.gpg
if [[ ! -s $ZT_KEYRING ]]; then
  GNUPGHOME=$(mktemp -d)
  export GNUPGHOME
  curl -fsSL --retry 5 'https://raw.githubusercontent.com/zerotier/ZeroTierOne/master/doc/contact%40zerotier.com.gpg' | gpg --dearmor >"$ZT_KEYRING.new"
  ZT_KEY_FPR=$(gpg --show-keys --with-colons "$ZT_KEYRING.new" |
    awk -F: '$1 == "fpr" && !seen { print $10; seen = 1 }')
  [[ $ZT_KEY_FPR == 74A5E9C458E1A431F1DA57A71657198823E52A61 ]] || fail "unexpected ZeroTier key '$ZT_KEY_FPR'"
  mv -f "$ZT_KEYRING.new" "$ZT_KEYRING"
  rm -rf "$GNUPGHOME"
  unset GNUPGHOME
fi
ZT_CODENAME=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)
put_file 0644 /etc/apt/sources.list.d/zerotier.list < <(
  printf 'deb [signed-by=%s] https://download.zerotier.com/debian/%s %s main\n' \
    "$ZT_KEYRING" "$ZT_CODENAME" "$ZT_CODENAME"
)
apt-get -q update
apt-get -q install zerotier-one
systemctl enable --now zerotier-one
ZT_RUNNING_ID=""
for _ in $(seq 60); do
  ZT_RUNNING_ID=$(zerotier-cli info 2>/dev/null | awk '{ print $3 }') || true
  if [[ -n $ZT_RUNNING_ID ]]; then break; fi
  sleep 1
done
[[ $ZT_RUNNING_ID == "$ZT_NODE_ID" ]] ||
  fail "zerotier-one runs as node '${ZT_RUNNING_ID:-none}', expected $ZT_NODE_ID; check /var/lib/zerotier-one"
echo "zerotier-one is running as node $ZT_NODE_ID"

step '7/12 join the ZeroTier network'
zerotier-cli join "$ZT_NETWORK_ID" >/dev/null
zerotier-cli set "$ZT_NETWORK_ID" allowDNS=1 >/dev/null
ZT_DEADLINE=$((SECONDS + ZT_JOIN_TIMEOUT))
zt_ready() {
  [[ $ZT_STATUS == OK && $(ip -4 -o addr show dev "$ZT_DEVICE") == *" $NODE_IP/"* ]]
}
while :; do
  ZT_STATUS=$(zerotier-cli get "$ZT_NETWORK_ID" status 2>/dev/null) || ZT_STATUS=""
  ZT_DEVICE=$(zerotier-cli get "$ZT_NETWORK_ID" portDeviceName 2>/dev/null) || ZT_DEVICE=""
  if zt_ready 2>/dev/null; then break; fi
  if ((SECONDS >= ZT_DEADLINE)); then
    fail "node $ZT_NODE_ID not ready on network $ZT_NETWORK_ID after" \
      "$((ZT_JOIN_TIMEOUT / 60)) min: status ${ZT_STATUS:-unknown}," \
      "interface ${ZT_DEVICE:-none}, address $NODE_IP expected"
  fi
  sleep 5
done
echo "network $ZT_NETWORK_ID is OK on $ZT_DEVICE with $NODE_IP"

step '8/12 systemd-resolved for names in the network'
put_file 0755 /usr/local/sbin/ztlab-zt-dns <<'ZTLAB_EOF'
#!/bin/bash
# ztlab: per-interface DNS for every joined ZeroTier network that publishes a domain and servers.
set -euo pipefail

jq_filter='.[] | select((.dns.domain // "") != "" and ((.dns.servers // []) | length) > 0)
  | [.portDeviceName, (.dns.domain | rtrimstr("."))] + .dns.servers | @tsv'

while IFS=$'\t' read -r -a fields; do
  device=${fields[0]}
  domain=${fields[1]}
  [[ -e /sys/class/net/$device ]] || continue
  resolvectl dns "$device" "${fields[@]:2}"
  # The ~ makes the domain a routing domain: only its names go to these servers.
  resolvectl domain "$device" "~$domain"
  resolvectl dnssec "$device" no
done < <(zerotier-cli -j listnetworks | jq -r "$jq_filter")
ZTLAB_EOF
put_file 0644 /etc/systemd/system/ztlab-zt-dns.service <<'ZTLAB_EOF'
[Unit]
Description=ztlab: ZeroTier network DNS into systemd-resolved
After=zerotier-one.service systemd-resolved.service

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/ztlab-zt-dns
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
/usr/local/sbin/ztlab-zt-dns
echo "names under $NETWORK_NAME resolve through the network's DNS once it is published"

step '9/12 Docker with the container network'
ZT_SIXPLANE_PREFIX80=$(sixplane_prefix80 "$ZT_NETWORK_ID" "$ZT_NODE_ID")
install -d -m 0755 /etc/docker
put_file 0644 /etc/docker/daemon.json <<ZTLAB_EOF
{
  "bip": "10.42.2.1/24",
  "fixed-cidr": "10.42.2.0/24",
  "fixed-cidr-v6": "${ZT_SIXPLANE_PREFIX80}",
  "ipv6": true
}
ZTLAB_EOF
DOCKER_CONFIG_CHANGED=$FILE_CHANGED
put_file 0644 /etc/sysctl.d/90-ztlab-forwarding.conf <<'ZTLAB_EOF'
net.ipv4.ip_forward = 1
net.ipv6.conf.all.forwarding = 1
ZTLAB_EOF
sysctl -q -p /etc/sysctl.d/90-ztlab-forwarding.conf
apt-get -q install docker.io
systemctl enable docker.service
if [[ $DOCKER_CONFIG_CHANGED == 1 ]]; then systemctl restart docker.service; fi
systemctl start docker.service
echo "docker0 is 10.42.2.1/24 (containers 10.42.2.0/24, $ZT_SIXPLANE_PREFIX80)"

step '10/12 demo web server'
install -d -m 0755 /var/lib/ztlab/www
put_file 0644 /var/lib/ztlab/www/index.html <<'ZTLAB_EOF'
<!doctype html>
<html><head><title>hello from aws</title></head>
<body><h1>hello from aws</h1>
<p>aws.demo.lab (10.0.2.1) on Amazon Web Services</p>
</body></html>
ZTLAB_EOF
if ! docker container inspect ztlab-hello >/dev/null 2>&1; then
  docker run --detach --name ztlab-hello --restart always --network host \
    --volume /var/lib/ztlab/www:/usr/share/nginx/html:ro nginx:stable-alpine >/dev/null
fi
echo "http://$NODE_FQDN/ says hello from $NODE_NAME"

step '11/12 diagnostic tools'
# tshark asks whether non-root users may capture; answer it before apt does.
echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
apt-get -q install tshark nmap net-tools iproute2 iputils-ping libndp-tools avahi-utils bind9-dnsutils vim

step '12/12 bird2 OSPF on the ZeroTier interface'
apt-get -q install bird2
install -d -m 0755 /etc/bird
put_file 0640 /etc/bird/bird.conf <<'ZTLAB_EOF'
# bird2 configuration of ztlab node aws on demo.lab.
log syslog all;
router id 10.42.2.1;

protocol device {
  scan time 10;
}

# The container bridge's network; this is the route the node announces.
protocol direct containers {
  ipv4;
  interface "docker0";
}

# Only routes learned from other nodes reach the kernel; local and ZeroTier routes stay its own.
protocol kernel {
  ipv4 {
    import none;
    export where source ~ [ RTS_OSPF_EXT1, RTS_OSPF_EXT2 ];
  };
}

protocol ospf v2 ztlab {
  ipv4 {
    import all;
    export where proto = "containers" && net = 10.42.2.0/24;
  };
  area 0 {
    interface "zt*" {
      type broadcast;
      hello 5;
      dead 20;
    };
  };
}
ZTLAB_EOF
BIRD_CONFIG_CHANGED=$FILE_CHANGED
chown bird:bird /etc/bird/bird.conf
bird -p -c /etc/bird/bird.conf
systemctl enable bird.service
if [[ $BIRD_CONFIG_CHANGED == 1 ]]; then systemctl restart bird.service; fi
systemctl start bird.service
echo "bird announces 10.42.2.0/24 over OSPF as router 10.42.2.1"

step "done"
echo "ztlab: first boot of $NODE_NAME finished"
