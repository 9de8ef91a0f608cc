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
        const { execa } = await import("execa");
        const { sshArgs, shellQuote } = await import("../../checks/index.js");
        const { interfaceName } = await import("../../zerotier/index.js");
        const { InputError } = await import("../../errors/index.js");
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const flags = opts as OutputsFlags & SshFlags & { node?: string };

        const loaded = await loadLabAndPlan(ctx);
        const outputs = await access.readLabOutputs(ctx, flags, loaded);
        const node = flags.node ?? loaded.plan.network.flowRules.tap;
        if (node === undefined || outputs.networkId === undefined) {
          throw new InputError("nothing to capture on: no node given and no tap node", {
            code: "no-capture-node",
            hint: "pass --node NAME",
          });
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
        const result = await execa(
          "ssh",
          [...sshArgs(endpoint, settings), tshark.filter(Boolean).join(" ")],
          {
            stdin: "ignore",
            stdout: access.childStream(ctx.stdout),
            stderr: access.childStream(ctx.stderr),
            reject: false,
            cancelSignal: ctx.signal,
            encoding: "buffer",
          },
        );
        return ctx.signal?.aborted === true ? 0 : (result.exitCode ?? 1);
      }),
    );
  },
};
