import {
  checkTerraformDirectory,
  writeTerraformDirectory,
  type WriteDirectoryReport,
} from "../terraform/index.js";
import type { SynthResult } from "./synthesize-lab.js";

export interface SynthDirectoryOptions {
  dir: string;
  result: SynthResult;
  /** The caller's flag that chose the directory (e.g. "--out", "--dir"), named in hints. */
  flag?: string;
  /** An interrupt before writing writes nothing. */
  signal?: AbortSignal;
}

/** Writes a synthesized lab into `dir`, replacing only files ztlab wrote there before. */
export function writeSynthDirectory({
  result,
  ...options
}: SynthDirectoryOptions): Promise<WriteDirectoryReport> {
  return writeTerraformDirectory({ ...options, files: result.files });
}

/** What writeSynthDirectory would report, or the error it would raise, with nothing written. */
export function checkSynthDirectory({
  result,
  ...options
}: SynthDirectoryOptions): Promise<WriteDirectoryReport> {
  return checkTerraformDirectory({ ...options, files: result.files });
}
