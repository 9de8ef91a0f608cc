// Arguments of the matches that need more than one number: chr, random and tag tests.
import type { TagByName } from "./compile-state.js";
import { failAt } from "./rules-diagnostic.js";
import { CHARACTERISTIC_BITS, lookupName } from "./rules-names.js";
import { readInteger, readLenientInteger, warnOutside, type ValueSite } from "./rules-numbers.js";

const DECIMAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/**
 * The 16-hex-digit `chr` mask. ZeroTier ORs the bits of each 32-bit half as signed integers and
 * prints the absolute value (README, behaviour 5); that result is kept, with a warning and the
 * intended mask when they differ.
 */
export function readCharacteristics(site: ValueSite): string {
  let high = 0;
  let low = 0;
  let intended = 0n;
  for (const part of site.text.split(",")) {
    if (part === "") continue;
    const bit = lookupName(CHARACTERISTIC_BITS, part) ?? Number.parseInt(part);
    if (!Number.isInteger(bit) || bit < 0 || bit > 63) {
      failAt(site.token, {
        code: "unknown-characteristic",
        message: `"${part}" is neither a chr name nor a bit number 0-63`,
        hint: `names: ${Object.keys(CHARACTERISTIC_BITS).join(" ")}`,
      });
    }
    if (
      lookupName(CHARACTERISTIC_BITS, part) === undefined &&
      !/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(part)
    ) {
      site.state.warn(site.token, {
        code: "lenient-number",
        message: `chr bit "${part}" is read as ${bit}; the rest of the text is ignored`,
      });
    }
    if (bit >= 32) high |= 1 << (bit - 32);
    else low |= 1 << bit;
    intended |= 1n << BigInt(bit);
  }
  const mask = hex8(Math.abs(high)) + hex8(Math.abs(low));
  const wanted = intended.toString(16).padStart(16, "0");
  if (mask !== wanted) {
    site.state.warn(site.token, {
      code: "chr-mask-miscompiled",
      message: `ZeroTier's compiler turns "${site.text}" into mask ${mask}, not ${wanted}`,
      hint: "give bit 63 (inbound) or bit 31 in a separate chr match",
    });
  }
  if (intended === 0n) {
    site.state.warn(site.token, { code: "empty-chr", message: "this chr match tests no bit" });
  }
  return mask;
}

/** `random P`: the share of frames matched, as a fraction of 2^32-1. */
export function readProbability(site: ValueSite): number {
  const parsed = Number.parseFloat(site.text);
  const probability = Number.isNaN(parsed) ? 0 : Math.min(1, Math.max(0, parsed));
  if (!DECIMAL.test(site.text)) {
    site.state.warn(site.token, {
      code: "lenient-number",
      message: `random probability "${site.text}" is read as ${probability}`,
    });
  } else if (parsed !== probability) {
    site.state.warn(site.token, {
      code: "value-out-of-range",
      message: `random probability ${parsed} is outside 0-1 and is clamped to ${probability}`,
    });
  }
  return Math.floor(4294967295 * probability);
}

/** The tag of a tag test: a defined tag's name, as written, or a tag id. */
export function readTagReference(site: ValueSite): { id: number; tag: TagByName | undefined } {
  const tag = site.state.findTag(site.text);
  if (tag !== undefined) return { id: tag.id, tag };
  const id = readLenientInteger(site, "tag id");
  if (Number.isNaN(id)) {
    const lower = site.state.findTag(site.text.toLowerCase());
    failAt(site.token, {
      code: "unknown-tag",
      message: `"${site.text}" is not a tag defined above, nor a tag id`,
      ...(lower === undefined
        ? {}
        : { hint: `tag names are lowercase where used: write "${site.text.toLowerCase()}"` }),
    });
  }
  warnOutside(site, id, [0, 0xffffffff], "tag id");
  return { id, tag: undefined };
}

/** The value of a tag test: an enum or flag name of that tag, or a number. */
export function readTagValue(site: ValueSite, tag: TagByName | undefined): number {
  if (tag !== undefined) {
    const named = lookupName(tag.enums, site.text) ?? lookupName(tag.flags, site.text);
    if (named !== undefined) return named;
  }
  const value = readInteger(site, "tag value");
  warnOutside(site, value, [0, 0xffffffff], "tag value");
  return value;
}

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}
