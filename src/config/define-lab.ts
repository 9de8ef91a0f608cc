// The package's public entry (`import { defineLab } from "ztlab"`), used by `ztlab.config.ts`.
import type { LabInput } from "./lab-schema.js";

export type { LabInput } from "./lab-schema.js";

/** Typed helper for `ztlab.config.ts`: `export default defineLab({ ... })`. */
export function defineLab(lab: LabInput): LabInput {
  return lab;
}
