import type { CommandModule } from "../program.js";
import {
  addOutputsOptions,
  addSshOptions,
  type OutputsFlags,
  type SshFlags,
} from "../lab-access.js";

const HELP_AFTER = `
Runs tshark on the node's ZeroTier interface (default node: the tap). When stdout is not a
terminal it streams pcap, e.g. \`ztlab capture | wireshark -k -i -\`; on a terminal it prints one
line per packet. The filter is a capture filter; the default leaves out ssh.`;

export const captureCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("capture")
      .description("watch a node's ZeroTier traffic with tshark (default: the tap node)")
      .option("--node <name>", "node to capture on (default: the tap node)")
      .argument("[filter...]", "tshark capture filter (default: not port 22)")
      .addHelpText("after", HELP_AFTER);
    addSshOptions(addOutputsOptions(command)).action(
      wrap(async (ctx, filter, opts) => {
        const { sshArgs, shellQuote } = await import("../../checks/index.js");
        const { interfaceName } = await import("../../zerotier/index.js");
        const { InputError } = await import("../../errors/index.js");
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const flags = opts as OutputsFlags & SshFlags & { node?: string };

        const loaded = await loadLabAndPlan(ctx);
        const outputs = await access.readLabOutputs(ctx, flags, loaded);
        if (outputs.networkId === undefined) {
          throw access.labNotUp(
            "the Terraform outputs hold no network id; the lab is not up",
            "outputs-without-network",
          );
        }
        const { mode, tap } = loaded.plan.network.flowRules;
        const node = flags.node ?? tap;
        if (node === undefined) {
          throw new InputError("nothing to capture on: no --node given and no enabled tap node", {
            code: "no-capture-node",
            hint: "pass --node NAME, or set network.flow_rules.tap to an enabled node",
          });
        }
        if (flags.node === undefined && mode === "off") {
          ctx.note(
            `flow rules are off, so nothing is mirrored to the tap: ${node} shows only its own traffic`,
          );
        }
        const endpoint = {
          host: access.nodeHost(loaded.plan, outputs, node),
          user: access.loginUser(loaded.plan, flags),
          port: access.portFrom(flags),
        };
        const words = filter as string[];
        const pcap = ctx.stdout.isTTY !== true;
        const tshark = [
          "sudo -n tshark -n -l",
          `-i ${interfaceName(outputs.networkId)}`,
          pcap ? "-F pcap -w -" : "",
          shellQuote(words.length > 0 ? words.join(" ") : "not port 22"),
        ];
        const settings = await access.sshSettingsFrom(ctx, flags);
        ctx.note(`capturing on ${node}; Ctrl-C stops`);
        const args = [...sshArgs(endpoint, settings), tshark.filter(Boolean).join(" ")];
        return access.runSsh(ctx, {
          args,
          node,
          host: endpoint.host,
          binary: true,
          stopsOnInterrupt: true,
        });
      }),
    );
  },
};
