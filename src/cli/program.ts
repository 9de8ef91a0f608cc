import { Command, CommanderError, Option } from "commander";
import { createContext, type CliContext, type CliIo, type GlobalOptions } from "./cli-context.js";
import { EXIT_BAD_INPUT, EXIT_INTERRUPTED, reportError } from "./report-error.js";
import { COMMANDS } from "./commands/index.js";
import { maskedIo } from "./masked-io.js";
import { VERSION } from "./version.js";

export type CommandHandler = (ctx: CliContext, ...args: unknown[]) => Promise<number | void>;
/** Turns a handler into a commander action: builds the context, reports errors, keeps the exit code. */
export type Wrap = (handler: CommandHandler) => (...args: unknown[]) => Promise<void>;

/** A command's module: it declares itself on the program; heavy imports stay inside its handler. */
export interface CommandModule {
  register: (program: Command, wrap: Wrap) => void;
}

export interface RunOptions {
  /** The commands offered; tests may pass their own. */
  commands?: readonly CommandModule[];
}

/** Runs ztlab with the given arguments and returns the exit code; never calls process.exit. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  { commands = COMMANDS }: RunOptions = {},
): Promise<number> {
  let exitCode = 0;
  const program = new Command("ztlab")
    .description("Bring up a ZeroTier overlay lab across many clouds, and prove it works")
    .version(VERSION, "-V, --version")
    .option(
      "-c, --config <path>",
      "lab file (default: ztlab.yaml|yml|json|config.ts in this directory)",
    )
    .option("--json", "print one JSON document on stdout")
    .option("-v, --verbose", "show every external command with its duration")
    .option("--debug", "show raw engine output and stacks")
    .option("-q, --quiet", "only errors")
    .addOption(new Option("--no-color", "never colour the output"))
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const wrap: Wrap =
    (handler) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const { CREDENTIAL_NAMES } = await import("./commands/engine-session.js");
      const { maskSecrets, secretValues } = await import("../terraform/index.js");
      const secrets = secretValues(io.env, CREDENTIAL_NAMES);
      const ctx = createContext(
        maskedIo(io, secrets, maskSecrets),
        command.optsWithGlobals() as GlobalOptions,
      );
      try {
        exitCode = (await handler(ctx, ...args)) ?? 0;
      } catch (error) {
        exitCode =
          io.signal?.aborted === true && !isReported(error)
            ? EXIT_INTERRUPTED
            : reportError(error, ctx);
      }
    };

  for (const command of commands) command.register(program, wrap);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for exits 0; help shown because no command was given counts as bad input.
      if (error.exitCode === 0) return 0;
      if (wantsJson(argv)) io.stdout.write(`${JSON.stringify(usageErrorJson(error), null, 2)}\n`);
      return EXIT_BAD_INPUT;
    }
    return reportError(error, createContext(io, program.opts() as GlobalOptions));
  }
  return exitCode;
}

// Options before a bad word may not be parsed yet, so the words themselves are looked at.
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

function usageErrorJson(error: CommanderError) {
  const message =
    error.code === "commander.help" || error.code === "commander.helpDisplayed"
      ? "no command given"
      : error.message.replace(/^error: /, "");
  return {
    error: {
      code: "usage",
      kind: "input",
      message,
      hint: "run with --help for usage",
    },
  };
}

function isReported(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string"
  );
}
