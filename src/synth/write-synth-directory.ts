import { writeTerraformDirectory, type WriteDirectoryReport } from "../terraform/index.js";
import type { SynthResult } from "./synthesize-lab.js";

/** Writes a synthesized lab into `dir`, replacing only files ztlab wrote there before. */
export function writeSynthDirectory({
  dir,
  result,
}: {
  dir: string;
  result: SynthResult;
}): Promise<WriteDirectoryReport> {
  return writeTerraformDirectory({ dir, files: result.files });
}
