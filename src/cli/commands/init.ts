import type { CommandModule } from "../program.js";

export const initCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("init")
      .description("write a commented starter lab file (ztlab.yaml); never overwrites")
      .option("-o, --output <path>", "where to write it", "ztlab.yaml")
      .action(
        wrap(async (ctx, opts) => {
          const { writeStarterLab } = await import("../../config/index.js");
          const { output } = opts as { output: string };
          const path = await writeStarterLab({ cwd: ctx.cwd, path: output });
          if (ctx.options.json) ctx.out(JSON.stringify({ written: path }));
          else ctx.out(`wrote ${path}\nnext: edit it, then run \`ztlab plan\``);
        }),
      );
  },
};
