import { REFERENCE_LAB } from "./reference-lab.js";
import type { LabConfig } from "./lab-schema.js";
import { findLabSource, parseLabFile, type LabSource } from "./lab-source.js";
import { validateLab } from "./validate-lab.js";

export interface LoadedLab {
  config: LabConfig;
  source: LabSource;
  /** Original text of a YAML/JSON lab file, for edits that keep comments and layout. */
  text?: string;
}

/** Finds, parses and validates the lab: `--config`, a lab file in `cwd`, or the built-in lab. */
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
  return { config, source, text: parsed.text };
}
