import type { CommandModule } from "../program.js";
import { addEngineOptions, type EngineFlags } from "./engine-options.js";

export interface DownFlags extends EngineFlags {
  yes?: boolean;
  node?: string;
}

export const downCommand: CommandModule = {
  register(program, wrap) {
    addEngineOptions(
      program
        .command("down")
        .description("destroy the lab (or one node) with terraform or tofu, showing progress")
        .option("-y, --yes", "destroy without asking")
        .option("--node <name>", "destroy only this node's resources"),
    ).action(
      wrap(async (ctx, opts) => {
        const { runDown } = await import("./down-run.js");
        return runDown(ctx, opts as DownFlags);
      }),
    );
  },
};
