import type { CommandModule } from "../program.js";
import {
  addOutputsOptions,
  addSshOptions,
  collect,
  type OutputsFlags,
  type SshFlags,
} from "../lab-access.js";

const HELP_AFTER = `
Checks (ids for --only), from this machine over ssh to each node's public address:
  ssh             ssh reaches the node (always runs; the others need it)
  zerotier        joined, status OK, the expected IPv4 assigned
  ping-ip         every other node answers on its ZeroTier IP
  ping-name       every other node answers by DNS name (<node>.<network>)
  web             every node's web page answers 200 by name
  ospf            bird has an OSPF route to every other node's container network
  container-ipv4  a container reaches a container on every other node over IPv4
  container-ipv6  ... and over 6PLANE IPv6
  tap             with flow rules on, the tap node sees mirrored frames of a probe
Exit status: 0 when every check passed, 1 when any failed.`;

interface CheckFlags extends OutputsFlags, SshFlags {
  only?: string[];
  node?: string[];
  concurrency?: string;
  timeout?: string;
}

export const checkCommand: CommandModule = {
  register(program, wrap) {
    const command = program
      .command("check")
      .description("verify the running lab over ssh: a node-by-check matrix with reasons")
      .option(
        "--only <checks>",
        "only these checks, ids below (comma separated, repeatable)",
        collect,
      )
      .option("--node <names>", "check from these nodes only (repeatable)", collect)
      .option("--concurrency <n>", "nodes checked at once (default 10)")
      .option("--timeout <seconds>", "time limit of each command on a node (default 20)")
      .addHelpText("after", HELP_AFTER);
    addSshOptions(addOutputsOptions(command)).action(
      wrap(async (ctx, opts) => {
        const { mkdtemp, rm } = await import("node:fs/promises");
        const { tmpdir } = await import("node:os");
        const { join } = await import("node:path");
        const { loadLabAndPlan } = await import("../lab-loading.js");
        const access = await import("../lab-access.js");
        const { buildCheckLab, runChecks, selectChecks } = await import("../../checks/index.js");
        const { renderCheckReport } = await import("../render/check-view.js");
        const flags = opts as CheckFlags;
        // Flags first: a typo there is exit 2 whatever state the lab is in.
        selectChecks(flags.only);
        const concurrency = access.positiveInt(flags.concurrency ?? "10", "--concurrency");
        const stepTimeoutMs = access.positiveInt(flags.timeout ?? "20", "--timeout") * 1000;
        const port = access.portFrom(flags);

        const loaded = await loadLabAndPlan(ctx);
        const outputs = await access.readLabOutputs(ctx, flags, loaded);
        const lab = buildCheckLab(loaded.plan, outputs);
        const settings = await access.sshSettingsFrom(ctx, flags);
        const user = access.loginUser(loaded.plan, flags);
        const live = ctx.stderr.isTTY === true && !ctx.options.json && ctx.level !== "quiet";
        // Short path: unix socket paths are limited to about 100 bytes.
        const controlDir = await mkdtemp(join(tmpdir(), "ztlab-"));
        ctx.note(`checking ${lab.targets.length} nodes of ${lab.networkName} as ${user}`);
        try {
          const report = await runChecks({
            lab,
            user,
            settings,
            port,
            only: flags.only,
            nodes: flags.node,
            concurrency,
            stepTimeoutMs,
            controlDir,
            signal: ctx.signal,
            onProgress: live
              ? (event) => ctx.stderr.write(`\r\x1b[K${event.done} results (${event.node})`)
              : undefined,
          });
          if (live) ctx.stderr.write("\r\x1b[K");
          ctx.out(ctx.options.json ? JSON.stringify(report, null, 2) : renderCheckReport(report));
          return report.summary.failed > 0 ? 1 : 0;
        } finally {
          await rm(controlDir, { recursive: true, force: true });
        }
      }),
    );
  },
};
