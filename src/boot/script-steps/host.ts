import type { LabPlan, PlannedNode } from "../../plan/index.js";
import { sh, shellQuote, type BootStep } from "../shell-text.js";

export function hostnameStep({ node }: { node: PlannedNode }): BootStep {
  return {
    title: "hostname and /etc/hosts",
    body: sh`if [[ $(hostname) != "$NODE_NAME" ]]; then hostnamectl set-hostname "$NODE_NAME"; fi
# Keep cloud-init from setting the cloud's own hostname again on the next boot.
install -d -m 0755 /etc/cloud/cloud.cfg.d
put_file 0644 /etc/cloud/cloud.cfg.d/99-ztlab-hostname.cfg <<'ZTLAB_EOF'
preserve_hostname: true
ZTLAB_EOF
ensure_line /etc/hosts "$NODE_IP $NODE_FQDN $NODE_NAME"
echo "hostname ${node.name}, /etc/hosts maps $NODE_FQDN to $NODE_IP"
`,
  };
}

export function usersStep({ plan }: { plan: LabPlan }): BootStep {
  const calls = plan.users.map(
    (user) => `add_user ${shellQuote(user.username)} ${shellQuote(user.sshPublicKey)}\n`,
  );
  return {
    title: "users with SSH keys and sudo",
    body: sh`add_user() {
  local name="$1" key="$2" home sudoers
  if ! id -u "$name" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash "$name"
  fi
  home=$(getent passwd "$name" | cut -d: -f6)
  install -d -m 0700 -o "$name" -g "$(id -gn "$name")" "$home/.ssh"
  put_file 0600 "$home/.ssh/authorized_keys" < <(printf '%s\n' "$key")
  chown "$name:$(id -gn "$name")" "$home/.ssh/authorized_keys"
  # sudo skips files in sudoers.d whose names contain a dot.
  sudoers="/etc/sudoers.d/90-ztlab-\${name//[^A-Za-z0-9_-]/_}"
  put_file 0440 "$sudoers" < <(printf '%s ALL=(ALL) NOPASSWD:ALL\n' "$name")
  visudo -cqf "$sudoers" || fail "sudoers entry for $name is invalid"
  echo "user $name: SSH key and passwordless sudo"
}
${calls.join("")}`,
  };
}
