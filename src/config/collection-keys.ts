import { isAlias, isCollection, isPair, isScalar, visit, type Document } from "yaml";

/** A mapping key written as a list or mapping (`? [a, b]: 1`), and where it is. */
export interface CollectionKey {
  /** Dotted path of the mapping that holds the key; "" at the top. */
  path: string;
  offset: number;
}

/**
 * Keys that are lists or mappings, directly or through an alias. A lab file's keys are names;
 * turning such a key into an object key would only stringify it.
 */
export function findCollectionKeys(doc: Document): CollectionKey[] {
  const found: CollectionKey[] = [];
  visit(doc, {
    Pair(_, pair, ancestors) {
      const key = pair.key;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (!isCollection(target)) return;
      const names = ancestors.flatMap((node) =>
        isPair(node) && isScalar(node.key) ? [String(node.key.value)] : [],
      );
      const offset = (isAlias(key) || isCollection(key) ? key.range?.[0] : undefined) ?? 0;
      // `? [a, b]: 1` is a mapping key holding a list key, both starting at one place.
      if (found.some((earlier) => earlier.offset === offset)) return;
      found.push({ path: names.join("."), offset });
    },
  });
  return found;
}
