import type { CommandModule } from "../program.js";

export const addrCommand: CommandModule = {
  register(program, wrap) {
    program
      .command("addr")
      .description(
        "interface name, MAC, RFC4193 and 6PLANE addresses of a member (computed locally)",
      )
      .argument("<network-id>", "16-hex ZeroTier network id")
      .argument("<node-id>", "10-hex ZeroTier node id")
      .action(
        wrap(async (ctx, networkId, nodeId) => {
          const { memberAddressing } = await import("../../zerotier/index.js");
          const { renderAddressing } = await import("../render/addr-view.js");
          const addressing = memberAddressing(String(networkId), String(nodeId));
          if (ctx.options.json) ctx.out(JSON.stringify(addressing, null, 2));
          else ctx.out(renderAddressing(addressing));
        }),
      );
  },
};
