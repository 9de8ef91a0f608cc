import type { LabInput } from "./lab-schema.js";

/** Typed helper for `ztlab.config.ts`: `export default defineLab({ ... })`. */
export function defineLab(lab: LabInput): LabInput {
  return lab;
}
