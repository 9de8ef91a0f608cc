import type { CommandModule } from "../program.js";
import {
  addOutputsOptions,
  addSshOptions,
  type OutputsFlags,
  type SshFlags,
} from "../lab-access.js";

export const sshCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("ssh")
      .description("open a shell on a node as the lab's user, or run a command (after --)")
      .argument("<node>", "node name, e.g. aws")
      .argument("[command...]", "command to run instead of a shell");
    addSshOptions(addOutputsOptions(command)).action(
      wrap(async (ctx, node, remote, opts) => {
        const { sshArgs } = await import("../../checks/index.js");
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const flags = opts as OutputsFlags & SshFlags;
        const words = remote as string[];
        const port = access.portFrom(flags);

        const loaded = await loadLabAndPlan(ctx);
        const outputs = await access.readLabOutputs(ctx, flags, loaded);
        const name = String(node);
        const host = access.nodeHost(loaded.plan, outputs, name);
        const endpoint = { host, user: access.loginUser(loaded.plan, flags), port };
        const settings = await access.sshSettingsFrom(ctx, flags);
        const args = sshArgs(endpoint, settings, { batch: false });
        if (words.length > 0) args.push(words.join(" "));
        // The terminal passes straight through, so an interactive shell gets a real tty.
        return access.runSsh(ctx, { args, node: name, host, interactive: true });
      }),
    );
  },
};
