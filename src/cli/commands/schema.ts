import type { CommandModule } from "../program.js";

export const schemaCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("schema")
      .description("print the JSON Schema of the lab file (for editor completion)")
      .action(
        wrap(async (ctx) => {
          const { labJsonSchema } = await import("../../config/index.js");
          ctx.out(JSON.stringify(labJsonSchema(), null, 2));
        }),
      );
  },
};
