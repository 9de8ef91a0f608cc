/** One of Terraform's diagnostics (`-json` type `diagnostic`), reduced to what a person reads. */
export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail: string;
  /** Resource address the diagnostic is about, when Terraform names one. */
  address: string | undefined;
  /** Where in the configuration, as `file:line:column`, when known. */
  location: string | undefined;
}

/** Lines for a person: severity and summary first, then address, location and detail indented. */
export function formatDiagnostic(diagnostic: Diagnostic): string[] {
  const lines = [`${diagnostic.severity}: ${diagnostic.summary}`];
  if (diagnostic.address !== undefined) lines.push(`  resource: ${diagnostic.address}`);
  if (diagnostic.location !== undefined) lines.push(`  at: ${diagnostic.location}`);
  for (const line of diagnostic.detail.trimEnd().split("\n")) {
    if (line.trim() !== "") lines.push(`  ${line}`);
  }
  return lines;
}

// Terraform 1.11.4, a second apply while the first holds the local state lock:
//   {"severity":"error","summary":"Error acquiring the state lock",
//    "detail":"Error message: resource temporarily unavailable\nLock Info:\n  ID:  a4fd...\n
//      Path:      terraform.tfstate\n  Operation: OperationTypeApply\n  Who:       root@vm\n..."}
// OpenTofu 1.6+ keeps the same summary.
export function isStateLockDiagnostic(diagnostic: Diagnostic): boolean {
  return /acquiring the state lock/i.test(diagnostic.summary);
}

/** The lock holder's details (ID, path, operation, who, created) from a state lock diagnostic. */
export function describeStateLock(diagnostic: Diagnostic): string[] {
  const wanted = ["ID", "Path", "Operation", "Who", "Created"];
  const found: string[] = [];
  for (const line of diagnostic.detail.split("\n")) {
    const match = /^\s*(\w+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && wanted.includes(match[1]) && match[2] !== "") {
      found.push(`${match[1].toLowerCase()}: ${match[2]}`);
    }
  }
  return found;
}
