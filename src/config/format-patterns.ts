// JSON Schema `pattern`s mirroring the checks in field-formats.ts, so an editor using
// `ztlab schema` flags what ztlab itself rejects. The checks stay the authority (and give the
// messages); these only have to agree with them.
import { RESERVED_USERS, SSH_KEY_TYPES } from "./field-formats.js";

const LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const KEY_TYPES = [...SSH_KEY_TYPES].map((type) => type.replaceAll(".", "\\.")).join("|");
const RESERVED = [...RESERVED_USERS].join("|");

export const FORMAT_PATTERNS = {
  /** A DNS label that is not all digits: node, device and user keys. */
  dnsLabel: `^(?![0-9]+$)${LABEL}$`,
  /** At most 253 characters, labels of at most 63, the last one not all digits. */
  dnsDomain: `^(?=.{1,253}$)(?!(.*\\.)?[0-9]+$)${LABEL}(\\.${LABEL})*$`,
  /** 10 lowercase hex digits, not zero, not starting with ff. */
  memberId: "^(?!0{10}$)(?!ff)[0-9a-f]{10}$",
  linuxUsername: `^(?!(${RESERVED})$)[a-z_][a-z0-9_-]{0,31}$`,
  /** One line: a known key type, base64 key data, an optional comment. */
  sshPublicKey: `^\\s*(${KEY_TYPES})[ \\t]+[A-Za-z0-9+/]+={0,2}([ \\t][^\\n]*)?\\s*$`,
  ipv4: `^${IPV4}$`,
  ipv4Cidr: `^${IPV4}/(0?[0-9]|[12][0-9]|3[0-2])$`,
} as const;
