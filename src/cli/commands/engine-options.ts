// Flags of the commands that run the engine; light, so `ztlab --help` loads nothing heavy.
import type { Command } from "commander";

export interface EngineFlags {
  engine?: string;
  dir?: string;
}

export const ENGINE_FLAG_HELP =
  "terraform or tofu (default: ZTLAB_ENGINE, else terraform, else tofu)";

export function addEngineOptions(command: Command): Command {
  return command
    .option("--engine <name>", ENGINE_FLAG_HELP)
    .option(
      "--dir <path>",
      "the Terraform directory (default: ztlab-terraform/ beside the lab file)",
    );
}
