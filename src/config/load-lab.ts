import { REFERENCE_LAB } from "./reference-lab.js";
import type { LabConfig } from "./lab-schema.js";
import { findLabSource, parseLabFile, type LabSource, type Locate } from "./lab-source.js";
import { validateLab } from "./validate-lab.js";

export interface LoadedLab {
  config: LabConfig;
  source: LabSource;
  /** Original text of a YAML/JSON lab file, for edits that keep comments and layout. */
  text?: string;
  /** Position of a field in the lab file, for messages; undefined for the built-in lab. */
  locate?: Locate;
}

/**
 * Finds, parses and validates the lab: `--config`, a lab file in `cwd`, or the built-in lab.
 * Throws InvalidLabError (every problem at once) or InputError (no readable file).
 */
export async function loadLab({
  cwd,
  explicit,
}: {
  cwd: string;
  explicit?: string;
}): Promise<LoadedLab> {
  const source = findLabSource({ cwd, explicit });
  if (source.kind === "builtin") {
    return { config: validateLab(REFERENCE_LAB, { source: "built-in reference lab" }), source };
  }
  const parsed = await parseLabFile(source);
  const config = validateLab(parsed.value, { source: source.path, locate: parsed.locate });
  return { config, source, text: parsed.text, locate: parsed.locate };
}
