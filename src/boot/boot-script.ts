/** Values a first-boot script needs that exist only in Terraform state at apply time. */
export type BootValueKind =
  "identity-public" | "identity-secret" | "node-id" | "network-id" | "central-token";

/** A placeholder for one such value inside a script. */
export interface BootValue {
  kind: BootValueKind;
}

/**
 * A rendered first-boot script: literal shell text with placeholders between. The literal text is
 * exactly what must reach the VM; synth/ turns placeholders into Terraform references.
 */
export interface BootScript {
  node: string;
  parts: readonly (string | BootValue)[];
}

/** The script text with placeholders filled in (for tests and for size estimates). */
export function bootScriptText(
  script: BootScript,
  values: Readonly<Record<BootValueKind, string>>,
): string {
  return script.parts.map((part) => (typeof part === "string" ? part : values[part.kind])).join("");
}
