import type { CommandModule } from "../program.js";
import {
  addOutputsOptions,
  addSshOptions,
  type OutputsFlags,
  type SshFlags,
} from "../lab-access.js";

export const sshConfigCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("ssh-config")
      .description("print ssh Host entries for every node, to Include from ~/.ssh/config")
      .addHelpText(
        "after",
        `
Each node is named <node>.<network name> and ztlab-<node> (e.g. aws.demo.lab, ztlab-aws);
the bare node name is left out so it cannot shadow a Host entry of your own.
With --json: {"network": {...}, "hosts": [{"node", "names", "hostName", "user", ...}]}.`,
      );
    addSshOptions(addOutputsOptions(command)).action(
      wrap(async (ctx, opts) => {
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const { renderSshConfig, sshConfigJson } = await import("../render/ssh-config-view.js");
        const flags = opts as OutputsFlags & SshFlags;

        const loaded = await loadLabAndPlan(ctx);
        const outputs = await access.readLabOutputs(ctx, flags, loaded);
        const settings = await access.sshSettingsFrom(ctx, flags);
        const nodes = loaded.plan.nodes
          .filter((node) => node.enabled)
          .map((node) => {
            const out = outputs.nodes[node.name];
            return { name: node.name, fqdn: node.fqdn, host: out?.publicIpv4 ?? out?.publicIpv6 };
          });
        const input = {
          networkName: loaded.plan.network.name,
          networkId: outputs.networkId,
          nodes,
          user: access.loginUser(loaded.plan, flags),
          port: access.portFrom(flags),
          settings,
        };
        ctx.out(
          ctx.options.json ? JSON.stringify(sshConfigJson(input), null, 2) : renderSshConfig(input),
        );
      }),
    );
  },
};
