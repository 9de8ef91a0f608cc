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
  const full = source.split(/\r\n|\n|\r/)[line - 1];
  if (full !== undefined && full.length > 0) {
    const { text, start, shown } = excerpt(full, column - 1);
    const gutter = String(line);
    const pad = text.slice(0, column - 1 - start).replace(/[^\t]/g, " ");
    const width = Math.max(1, Math.min(length, shown - (column - 1 - start)));
    lines.push(
      `  ${gutter} | ${text}`,
      `  ${" ".repeat(gutter.length)} | ${pad}${"^".repeat(width)}`,
    );
  }
  if (hint !== undefined)
    lines.push(...hint.split("\n").map((h, i) => (i === 0 ? `  hint: ${h}` : `        ${h}`)));
  return lines.join("\n");
}

const EXCERPT_WIDTH = 120;

// A window of a long line around the blamed column, marked with "..." where it was cut.
function excerpt(line: string, index: number): { text: string; start: number; shown: number } {
  if (line.length <= EXCERPT_WIDTH) return { text: line, start: 0, shown: line.length };
  const start = Math.max(0, Math.min(index - 40, line.length - EXCERPT_WIDTH));
  const end = start + EXCERPT_WIDTH;
  const head = start > 0 ? "..." : "";
  const tail = end < line.length ? "..." : "";
  const text = head + line.slice(start, end);
  return { text: text + tail, start: start - head.length, shown: text.length };
}
