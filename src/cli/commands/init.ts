import type { CommandModule } from "../program.js";

const HELP_AFTER = `
The file's extension picks its format: .yaml or .yml (commented YAML), .json (the same lab, no
comments) or .ts (a module exporting defineLab({...}) from "ztlab"). The directory must exist: init
does not create it. init refuses to overwrite a file, and refuses to add a lab file beside another
one (ztlab.yaml, ztlab.yml, ztlab.json, ztlab.config.ts), since every command would then fail.
With --quiet nothing is printed but errors.`;

export const initCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("init")
      .description("write a commented starter lab file (ztlab.yaml); never overwrites")
      .option("-o, --output <path>", "where to write it (.yaml, .yml, .json or .ts)", "ztlab.yaml")
      .addHelpText("after", HELP_AFTER)
      .action(
        wrap(async (ctx, opts) => {
          const { writeStarterLab } = await import("../../config/index.js");
          const { output } = opts as { output: string };
          const path = await writeStarterLab({ cwd: ctx.cwd, path: output });
          if (ctx.options.json) ctx.out(JSON.stringify({ written: path }));
          else if (ctx.level !== "quiet") {
            ctx.out(`wrote ${path}\nnext: edit it, then run \`ztlab plan\``);
          }
        }),
      );
  },
};
