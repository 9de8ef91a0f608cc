// Plans and first-boot scripts for synth tests, built from the reference lab.
import type { BootScript } from "../../src/boot/index.js";
import { REFERENCE_LAB, validateLab, type LabInput } from "../../src/config/index.js";
import { resolvePlan, type LabPlan } from "../../src/plan/index.js";

/** The reference lab with only the named nodes enabled. */
export function referencePlan(enabled: readonly string[] = ["do"], edit?: (lab: LabInput) => void) {
  const lab = structuredClone(REFERENCE_LAB);
  for (const [name, instance] of Object.entries(lab.instances ?? {})) {
    instance.enabled = enabled.includes(name);
  }
  edit?.(lab);
  return planOf(lab);
}

export function planOf(lab: LabInput): LabPlan {
  return resolvePlan(validateLab(lab, {}));
}

/**
 * A first-boot script full of what Terraform's templates would take for their own: shell
 * `${VAR}`, `%{`, already doubled `$${`, `~` markers, dollars right before a placeholder,
 * backslashes, quotes, unicode and a heredoc.
 */
export function trickyBootScript(node: string): BootScript {
  return {
    node,
    parts: [
      "#!/bin/bash\nset -euo pipefail\n",
      'echo "node ${HOSTNAME} %{not-a-directive} $${doubled} %%{also} ${~strip~}"\n',
      "printf '%s\\n' \"back\\\\slash \\t tab\" 'single'\\''quote'\n",
      "cat > /var/lib/zerotier-one/identity.public <<'EOF'\n",
      { kind: "identity-public" },
      "\nEOF\ninstall -m 0600 /dev/null /var/lib/zerotier-one/identity.secret\n",
      "cat > /var/lib/zerotier-one/identity.secret <<'EOF'\n",
      { kind: "identity-secret" },
      "\nEOF\n",
      "NODE=",
      { kind: "node-id" },
      " NET=$",
      { kind: "network-id" },
      " PRICE=$$",
      { kind: "network-id" },
      "\n",
      { kind: "node-id" },
      { kind: "network-id" },
      "\nTOKEN_FILE=/run/zeronsd/token; echo -n '",
      { kind: "central-token" },
      '\' > "$TOKEN_FILE"\n',
      'echo \'ünïcødé ✓ 🛰\' "${ARR[@]:-}" "$(( 1 + 2 ))" ${#ARR[@]} %{ if x }{}%\n',
      "literal: ${zerotier_token.this.token} and $",
    ],
  };
}

/** The smallest script: one line and each placeholder once. */
export function plainBootScript(node: string): BootScript {
  return {
    node,
    parts: [
      `#!/bin/bash\necho boot ${node} \${USER}\n# `,
      { kind: "identity-public" },
      "\n# ",
      { kind: "node-id" },
      " ",
      { kind: "network-id" },
      "\n",
    ],
  };
}
