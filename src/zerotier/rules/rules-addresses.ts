// ZeroTier, MAC and IP arguments. ZeroTier's compiler drops every non-hex character of a MAC or
// node address and checks IPs with unanchored patterns; those inputs compile as it compiles
// them, with a warning when the text was not a plain address (README, behaviour 6).
import { isIPv4, isIPv6 } from "node:net";
import { failAt } from "./rules-diagnostic.js";
import type { ValueSite } from "./rules-numbers.js";

const ZT_FORMS = [/^[0-9a-fA-F]{10}$/, /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){4}$/];
const MAC_FORMS = [
  /^[0-9a-fA-F]{12}$/,
  /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/,
  /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/,
  /^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4}){2}$/,
];
const LOOSE_IPV4 = /[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\/[0-9]/;
const LOOSE_IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;

/** A member's 10-hex-digit node id, as `ztsrc`/`ztdest` take it. */
export function readZeroTierAddress(site: ValueSite): string {
  const hex = hexDigits(site.text);
  if (hex.length !== 10) {
    failAt(site.token, {
      code: "invalid-zerotier-address",
      message: `a ZeroTier address has 10 hex digits, "${site.text}" has ${hex.length}`,
    });
  }
  warnUnusualForm(site, ZT_FORMS, hex, "ZeroTier address");
  return hex;
}

export function readMacAddress(site: ValueSite): string {
  const hex = hexDigits(site.text);
  if (hex.length !== 12) {
    failAt(site.token, {
      code: "invalid-mac-address",
      message: `a MAC address has 12 hex digits, "${site.text}" has ${hex.length}`,
    });
  }
  warnUnusualForm(site, MAC_FORMS, hex, "MAC address");
  return hex.replace(/(..)(?!$)/g, "$1:");
}

/** An address with its `/bits`; the text is kept as written. Returns the family. */
export function readIpNetwork(site: ValueSite): 4 | 6 {
  const slash = site.text.indexOf("/");
  if (slash < 0) {
    failAt(site.token, {
      code: "ip-without-netmask",
      message: `"${site.text}" needs a /bits netmask length`,
      hint: "write e.g. 10.0.0.5/32 for one host, 10.0.0.0/16 for a network",
    });
  }
  const address = site.text.slice(0, slash);
  const bits = site.text.slice(slash + 1);
  const isV6 = LOOSE_IPV6.test(address) && /^[0-9]/.test(bits);
  const family = isV6 ? 6 : LOOSE_IPV4.test(site.text) ? 4 : undefined;
  if (family === undefined) {
    failAt(site.token, {
      code: "invalid-ip-address",
      message: `"${site.text}" is neither an IPv4 nor an IPv6 network`,
    });
  }
  const maxBits = family === 4 ? 32 : 128;
  const exact = family === 4 ? isIPv4(address) : isIPv6(address);
  if (!exact || !/^[0-9]{1,3}$/.test(bits) || Number(bits) > maxBits) {
    site.state.warn(site.token, {
      code: "lenient-ip-address",
      message: `"${site.text}" is not a valid IPv${family} network; it is passed on as written`,
    });
  }
  return family;
}

/** A tee, watch or redirect target: ZeroTier only checks that it is 10 characters long. */
export function readTarget(site: ValueSite, action: string): string {
  if (site.text.length !== 10) {
    failAt(site.token, {
      code: "invalid-target",
      message: `the ${action} target must be a 10-hex-digit ZeroTier node id, got "${site.text}"`,
    });
  }
  if (!/^[0-9a-f]{10}$/.test(site.text)) {
    site.state.warn(site.token, {
      code: "lenient-target",
      message: `the ${action} target "${site.text}" is not 10 lowercase hex digits`,
      hint: "ZeroTier keeps it as written, so frames go to no member",
    });
  }
  return site.text;
}

function hexDigits(text: string): string {
  return text.replace(/[^0-9a-fA-F]/g, "").toLowerCase();
}

function warnUnusualForm(site: ValueSite, forms: RegExp[], hex: string, what: string): void {
  if (!forms.some((form) => form.test(site.text))) {
    site.state.warn(site.token, {
      code: "lenient-address",
      message: `"${site.text}" is read as the ${what} ${hex} after dropping non-hex characters`,
    });
  }
}
