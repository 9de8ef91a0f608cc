import type { CommandModule } from "../program.js";

const CHECK_HELP = `
Compiles a ZeroTier rules program the way ZeroTier Central's compiler does, and reports
mistakes with line, column and the offending line. "-" reads the program from stdin; with no
FILE, checks the lab's own rules program (what synth sends, as \`ztlab rules show\` prints it).
With --json, prints the compiled rules, capabilities and tags in the compiler's own shape.`;

export const rulesCommand: CommandModule = {
  register(program, wrap) {
    const rules = program.command("rules").description("compile and show flow rules");
    rules
      .command("check")
      .description("compile a rules program (FILE, - for stdin, or the lab's) and report errors")
      .argument("[file]", "rules program, or - for stdin; the lab's own rules when left out")
      .option("--strict", "treat warnings as errors")
      .addHelpText("after", CHECK_HELP)
      .action(
        wrap(async (ctx, file, opts) => {
          const { checkRulesFile } = await import("./rules-check.js");
          return checkRulesFile(ctx, {
            file: file as string | undefined,
            strict: (opts as { strict?: boolean }).strict === true,
          });
        }),
      );
    rules
      .command("show")
      .description("print the lab's rules program and what its flow-rules mode does")
      .action(
        wrap(async (ctx) => {
          const { showLabRules } = await import("./rules-show.js");
          await showLabRules(ctx);
        }),
      );
  },
};
