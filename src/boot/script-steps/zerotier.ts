import { placeholder, sh, type BootStep } from "../shell-text.js";

const ZT_HOME = "/var/lib/zerotier-one";
// ZeroTier's release signing key; the downloaded key must carry this fingerprint.
const ZT_KEY_URL =
  "https://raw.githubusercontent.com/zerotier/ZeroTierOne/master/doc/contact%40zerotier.com.gpg";
const ZT_KEY_FINGERPRINT = "74A5E9C458E1A431F1DA57A71657198823E52A61";

/**
 * The pre-generated identity goes on disk before zerotier-one is installed: the package starts
 * the service, which would otherwise generate an identity of its own.
 */
export function identityStep(): BootStep {
  return {
    title: "ZeroTier identity",
    body: sh`ZT_IDENTITY_PUBLIC='${placeholder("identity-public")}'
ZT_IDENTITY_SECRET='${placeholder("identity-secret")}'
[[ $ZT_IDENTITY_PUBLIC =~ ^[0-9a-f]{10}:0:[0-9a-f]{128}$ ]] ||
  fail "identity.public is not <node id>:0:<128 hex digits>"
[[ \${ZT_IDENTITY_PUBLIC:0:10} == "$ZT_NODE_ID" ]] || fail "the identity is not node $ZT_NODE_ID"
[[ $ZT_IDENTITY_SECRET =~ ^[0-9a-f]{10}:0:[0-9a-f]{128}:[0-9a-f]{128}$ ]] ||
  fail "identity.secret is not <public identity>:<128 hex digits>"
[[ $ZT_IDENTITY_SECRET == "$ZT_IDENTITY_PUBLIC":* ]] ||
  fail "identity.secret does not belong to identity.public"
install -d -m 0700 ${ZT_HOME}
# Exact content, no trailing newline; the secret is readable by root only.
put_file 0644 ${ZT_HOME}/identity.public < <(printf '%s' "$ZT_IDENTITY_PUBLIC")
ZT_IDENTITY_CHANGED=$FILE_CHANGED
put_file 0600 ${ZT_HOME}/identity.secret < <(printf '%s' "$ZT_IDENTITY_SECRET")
ZT_IDENTITY_CHANGED=$((ZT_IDENTITY_CHANGED | FILE_CHANGED))
unset ZT_IDENTITY_SECRET
if [[ $ZT_IDENTITY_CHANGED == 1 ]] && systemctl is-active -q zerotier-one; then
  systemctl restart zerotier-one
fi
echo "identity of node $ZT_NODE_ID is in ${ZT_HOME}"
`,
  };
}

/** A configuration file reaches every apt and dpkg child; a shell wrapper would not. */
export function aptStep(): BootStep {
  return {
    title: "package manager setup",
    body: sh`put_file 0644 /etc/apt/apt.conf.d/90ztlab <<'ZTLAB_EOF'
// ztlab first boot: wait for the dpkg lock (unattended upgrades hold it at first boot), never ask.
DPkg::Lock::Timeout "900";
APT::Get::Assume-Yes "true";
Acquire::Retries "5";
Dpkg::Options { "--force-confdef"; "--force-confold"; };
ZTLAB_EOF
apt-get -q update
apt-get -q install gnupg curl ca-certificates jq
`,
  };
}

export function zerotierInstallStep(): BootStep {
  return {
    title: "install zerotier-one",
    body: sh`ZT_KEYRING=/usr/share/keyrings/zerotier.gpg
if [[ ! -s $ZT_KEYRING ]]; then
  GNUPGHOME=$(mktemp -d)
  export GNUPGHOME
  curl -fsSL --retry 5 '${ZT_KEY_URL}' | gpg --dearmor >"$ZT_KEYRING.new"
  ZT_KEY_FPR=$(gpg --show-keys --with-colons "$ZT_KEYRING.new" |
    awk -F: '$1 == "fpr" && !seen { print $10; seen = 1 }')
  [[ $ZT_KEY_FPR == ${ZT_KEY_FINGERPRINT} ]] || fail "unexpected ZeroTier key '$ZT_KEY_FPR'"
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
  fail "zerotier-one runs as node '\${ZT_RUNNING_ID:-none}', expected $ZT_NODE_ID; check ${ZT_HOME}"
echo "zerotier-one is running as node $ZT_NODE_ID"
`,
  };
}

/** Waiting is bounded: a node that is never authorised must fail, saying what it saw. */
export function joinStep(): BootStep {
  return {
    title: "join the ZeroTier network",
    body: sh`zerotier-cli join "$ZT_NETWORK_ID" >/dev/null
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
      "$((ZT_JOIN_TIMEOUT / 60)) min: status \${ZT_STATUS:-unknown}," \
      "interface \${ZT_DEVICE:-none}, address $NODE_IP expected"
  fi
  sleep 5
done
echo "network $ZT_NETWORK_ID is OK on $ZT_DEVICE with $NODE_IP"
`,
  };
}
