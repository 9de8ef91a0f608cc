import type { CommandModule } from "../program.js";
import { addEngineOptions, type EngineFlags } from "./engine-options.js";

export interface OutputFlags extends EngineFlags {
  showSecrets?: boolean;
}

export const outputCommand: CommandModule = {
  register(program, wrap) {
    addEngineOptions(
      program
        .command("output")
        .description("show the lab's network id, nodes, addresses, DNS names and ssh commands")
        .option("--show-secrets", "show sensitive output values instead of masking them"),
    ).action(
      wrap(async (ctx, opts) => {
        const { runOutput } = await import("./output-run.js");
        return runOutput(ctx, opts as OutputFlags);
      }),
    );
  },
};
