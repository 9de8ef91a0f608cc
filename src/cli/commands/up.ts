import type { CommandModule } from "../program.js";
import { addEngineOptions, type EngineFlags } from "./engine-options.js";

interface UpFlags extends EngineFlags {
  yes?: boolean;
  only?: string;
  node?: string;
}

// The walkthrough's first step applies only the network: `terraform apply -target ...`.
const NETWORK_TARGET = "zerotier_network.demolab";

export const upCommand: CommandModule = {
  register(program, wrap) {
    addEngineOptions(
      program
        .command("up")
        .description("synthesize, plan and apply the lab with terraform or tofu, showing progress")
        .option("-y, --yes", "apply without asking")
        .option("--only <part>", "apply only this part: network (the ZeroTier network alone)")
        .option("--node <name>", "plan and apply only this node's resources"),
    ).action(
      wrap(async (ctx, opts) => {
        const { runUp } = await import("./up-run.js");
        return runUp(ctx, opts as UpFlags);
      }),
    );
  },
};

export type { UpFlags };
export { NETWORK_TARGET };
