// Numbers as ZeroTier's compiler reads them: JavaScript parseInt without a radix (decimal, or
// hex after 0x/0X), so a valid prefix wins and the rest is ignored ("80abc" is 80).
import type { CompileState } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import type { RulesToken } from "./rules-tree.js";

const GLUED_SEMICOLONS =
  'a word loses only one ";": ";;" ends one rule and leaves a ";" in the value; write "; ;"';

const WHOLE_INTEGER = /^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)$/;
const INTEGER_PREFIX = /^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)/;

export interface ValueSite {
  token: RulesToken;
  /** The text to read: the token's, or a macro argument standing in for it. */
  text: string;
  state: CompileState;
}

/** parseInt as the reference does it, warning when part of the text was ignored. */
export function readLenientInteger({ token, text, state }: ValueSite, what: string): number {
  const value = Number.parseInt(text);
  if (!Number.isNaN(value) && !WHOLE_INTEGER.test(text)) {
    state.warn(token, {
      code: "lenient-number",
      message: `${what} "${text}" is read as ${value}; the rest of the text is ignored`,
    });
  }
  return value;
}

/** An integer argument; anything without a numeric prefix is an error. */
export function readInteger(site: ValueSite, what: string): number {
  const value = readLenientInteger(site, what);
  if (Number.isNaN(value)) {
    failAt(site.token, {
      code: "invalid-number",
      message: `${what} must be a number (decimal or 0x hex), got "${site.text}"`,
      ...(site.text.endsWith(";") ? { hint: GLUED_SEMICOLONS } : {}),
    });
  }
  return value;
}

/** Warns when a value is outside what the field can hold; Central would truncate or reject it. */
export function warnOutside(
  site: ValueSite,
  value: number,
  [min, max]: readonly [number, number],
  what: string,
): void {
  if (value < min || value > max) {
    site.state.warn(site.token, {
      code: "value-out-of-range",
      message: `${what} ${asWritten(site.text, value)} is outside ${min}-${max}`,
    });
  }
}

// The digits the user typed when they are what was read, so 99999999999999999999999 is not
// shown back as 1e+23; otherwise (a range end, say) the value itself.
function asWritten(text: string, value: number): string {
  const digits = INTEGER_PREFIX.exec(text)?.[0];
  return digits !== undefined && Number.parseInt(digits) === value ? digits : String(value);
}

/** `N` or `A-B`, both ends within 0-65535 and in order, as ports, frame sizes and TOS take. */
export function readRange(site: ValueSite, what: string): { start: number; end: number } {
  const parts = site.text.split("-");
  const [first, second] = parts;
  const bad = (why: string): never =>
    failAt(site.token, {
      code: "invalid-range",
      message: `${what} must be N or A-B with 0 <= A <= B <= 65535: ${why}`,
    });
  if (parts.length > 2 || first === undefined) return bad(`"${site.text}" has too many "-"`);
  const start = readLenientInteger({ ...site, text: first }, what);
  const end = second === undefined ? start : readLenientInteger({ ...site, text: second }, what);
  if (Number.isNaN(start) || Number.isNaN(end)) return bad(`"${site.text}" is not a number`);
  if (start < 0 || end > 65535) return bad(`"${site.text}" is out of range`);
  if (start > end) return bad(`${start} is greater than ${end}`);
  return { start, end };
}
