import type { CommandModule } from "../program.js";
import type { EngineFlags } from "./engine-options.js";

export const doctorCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("doctor")
      .description("check the engine, credentials (names only, never values) and SSH access")
      .option(
        "--engine <name>",
        "terraform or tofu (default: ZTLAB_ENGINE, else terraform, else tofu)",
      )
      .action(
        wrap(async (ctx, opts) => {
          const { runDoctor } = await import("./doctor-run.js");
          return runDoctor(ctx, opts as EngineFlags);
        }),
      );
  },
};
