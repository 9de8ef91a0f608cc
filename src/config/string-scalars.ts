import { Scalar, isPair, isScalar, visit, type Document } from "yaml";

// Fields that are text even when they look like a number, e.g. `member_id: 0123456789`.
const STRING_FIELDS = new Set([
  "member_id",
  "description",
  "username",
  "name",
  "region",
  "zone",
  "size",
  "image",
  "project",
  "compartment_id",
  "resource_group",
  "tap",
]);

/**
 * YAML reads unquoted `0123456789` or `12e4567890` as numbers, which loses the text a person
 * wrote; for fields that are always text, put the written characters back.
 */
export function keepStringScalars(doc: Document, text: string): void {
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      const value = pair.value;
      const isPlainNumber = value.type === Scalar.PLAIN && typeof value.value === "number";
      if (!isPlainNumber || !STRING_FIELDS.has(String(pair.key.value))) return;
      const [start, end] = value.range ?? [];
      if (start !== undefined && end !== undefined) value.value = text.slice(start, end);
    },
  });
}
