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
      .description("print ssh Host entries for every node, to Include from ~/.ssh/config");
    addSshOptions(addOutputsOptions(command)).action(
      wrap(async (ctx, opts) => {
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const { renderSshConfig } = await import("../render/ssh-config-view.js");
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
        ctx.out(
          renderSshConfig({
            networkName: loaded.plan.network.name,
            networkId: outputs.networkId,
            nodes,
            user: access.loginUser(loaded.plan, flags),
            port: access.portFrom(flags),
            settings,
          }),
        );
      }),
    );
  },
};
