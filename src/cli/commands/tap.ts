import { Argument } from "commander";
import { addEngineOptions, type EngineFlags } from "./engine-options.js";
import type { CommandModule } from "../program.js";

const HELP_AFTER = `
Changes network.flow_rules in the lab file (only the changed values; comments and layout stay),
shows the old and new rules, rewrites the Terraform directory and applies only the network:
  terraform -chdir=<dir> apply -target=zerotier_network.demolab
Applying needs ZEROTIER_CENTRAL_TOKEN; without it (or when the lab file or directory cannot be
written) nothing is changed. The lab file is replaced in one step, keeping its mode and line ends.
  off    accept everything, copy nothing
  tee    copy every frame of every member to the tap node
  watch  copy inbound frames of every member to the tap node`;

export const tapCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("tap")
      .description("switch the flow-rules tap: off, tee (copy all frames) or watch (inbound)")
      .addArgument(new Argument("<mode>", "flow-rules mode").choices(["off", "tee", "watch"]))
      .option("--to <node>", "node that receives the copied frames")
      .option("--drop-non-ip", "drop frames that are not IPv4, ARP or IPv6")
      .option("--no-drop-non-ip", "let frames of every ethertype through")
      .option("--no-apply", "only edit and re-synthesize; print the apply command");
    addEngineOptions(command)
      .addHelpText("after", HELP_AFTER)
      .action(
        wrap(async (ctx, mode, opts) => {
          const { switchTap } = await import("./tap-switch.js");
          return switchTap(ctx, { mode: mode as "off" | "tee" | "watch", ...(opts as TapFlags) });
        }),
      );
  },
};

export interface TapFlags extends EngineFlags {
  to?: string;
  dropNonIp?: boolean;
  apply: boolean;
}
