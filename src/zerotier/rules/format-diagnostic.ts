import type { RulesDiagnostic } from "./rules-diagnostic.js";

/**
 * A diagnostic as text: `file:line:column: severity: message`, the offending line with a caret
 * under the word, then the hint. Tabs of the line are kept in the caret line so columns align.
 */
export function formatRulesDiagnostic(
  diagnostic: RulesDiagnostic,
  { source, fileName = "rules" }: { source: string; fileName?: string },
): string {
  const { line, column, length, severity, message, hint } = diagnostic;
  const lines = [`${fileName}:${line}:${column}: ${severity}: ${message}`];
  const text = source.split(/\r\n|\n|\r/)[line - 1];
  if (text !== undefined && text.length > 0) {
    const gutter = String(line);
    const pad = text.slice(0, column - 1).replace(/[^\t]/g, " ");
    const width = Math.max(1, Math.min(length, text.length - column + 1));
    lines.push(
      `  ${gutter} | ${text}`,
      `  ${" ".repeat(gutter.length)} | ${pad}${"^".repeat(width)}`,
    );
  }
  if (hint !== undefined)
    lines.push(...hint.split("\n").map((h, i) => (i === 0 ? `  hint: ${h}` : `        ${h}`)));
  return lines.join("\n");
}
