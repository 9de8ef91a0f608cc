import type { CommandModule } from "../program.js";
import { addOutputsOptions, type OutputsFlags } from "../lab-access.js";

const HELP_AFTER = `
Reads ZeroTier Central with ZEROTIER_CENTRAL_TOKEN (and ZEROTIER_CENTRAL_URL when set), the same
variables the Terraform provider uses. "Online" means seen by Central in the last 3 minutes.
--watch takes 1 to 3600 seconds. With --json, a single run prints one indented document;
--json --watch prints JSON Lines: one compact document per line, one line per refresh.`;

interface StatusFlags extends OutputsFlags {
  network?: string;
  watch?: boolean | string;
}

export const statusCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("status")
      .description("the lab network and its members from ZeroTier Central")
      .option("--network <id>", "network id (default: from the lab's Terraform outputs)")
      .option("-w, --watch [seconds]", "refresh every 1-3600 seconds (default 5) until Ctrl-C")
      .addHelpText("after", HELP_AFTER);
    addOutputsOptions(command).action(
      wrap(async (ctx, opts) => {
        const { runStatus } = await import("./status-run.js");
        return runStatus(ctx, opts as StatusFlags);
      }),
    );
  },
};

export type { StatusFlags };
