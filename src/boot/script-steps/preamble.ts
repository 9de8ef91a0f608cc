import type { LabPlan, PlannedNode } from "../../plan/index.js";
import { placeholder, sh, shellQuote, type ScriptPart } from "../shell-text.js";
import { SIXPLANE_FUNCTION } from "./sixplane-function.js";

/** Minutes a node waits for its network to report OK before the first boot gives up. */
export const JOIN_TIMEOUT_MINUTES = 10;

/** Strict mode, the error trap that names the failing step, shared helpers and node facts. */
export function renderPreamble({ plan, node }: { plan: LabPlan; node: PlannedNode }): ScriptPart[] {
  return sh`#!/bin/bash
# ztlab first boot of node ${node.name} (${node.fqdn}). Running it again on a booted node is
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
  tmp=$(mktemp -p "\${target%/*}")
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

${SIXPLANE_FUNCTION}
exec 9>/run/ztlab-first-boot.lock
flock -n 9 || fail "another ztlab first boot is running"

NODE_NAME=${shellQuote(node.name)}
NODE_FQDN=${shellQuote(node.fqdn)}
NODE_IP=${shellQuote(node.ip)}
NETWORK_NAME=${shellQuote(plan.network.name)}
ZT_NETWORK_ID='${placeholder("network-id")}'
ZT_NODE_ID='${placeholder("node-id")}'
ZT_JOIN_TIMEOUT=$((${String(JOIN_TIMEOUT_MINUTES)} * 60))
[[ $ZT_NETWORK_ID =~ ^[0-9a-f]{16}$ ]] || fail "network id is not 16 hex digits"
[[ $ZT_NODE_ID =~ ^[0-9a-f]{10}$ ]] || fail "node id is not 10 hex digits"
echo "ztlab: node $NODE_NAME ($NODE_FQDN, $NODE_IP), ZeroTier node $ZT_NODE_ID on $ZT_NETWORK_ID"
`;
}
