import { setTimeout as delay } from "node:timers/promises";
import type { LabOutputs } from "../../checks/index.js";
import { InputError } from "../../errors/index.js";
import { createCentralClient, isNetworkId, type CentralClient } from "../../zerotier/index.js";
import type { CliContext } from "../cli-context.js";
import { labNotUp, readLabOutputs, positiveInt } from "../lab-access.js";
import { loadLabAndPlan, type LabAndPlan } from "../lab-loading.js";
import { buildStatusView, renderStatus, statusJson } from "../render/status-view.js";
import type { StatusFlags } from "./status.js";

const CLEAR_SCREEN = "\x1b[H\x1b[2J";

export async function runStatus(ctx: CliContext, flags: StatusFlags): Promise<number> {
  const interval = flags.watch === undefined || flags.watch === false ? undefined : seconds(flags);
  const loaded = await loadLabAndPlan(ctx);
  // The client checks both before any request: a missing or malformed one exits 2.
  const client = createCentralClient({
    baseUrl: ctx.env.ZEROTIER_CENTRAL_URL || undefined,
    baseUrlSource: "ZEROTIER_CENTRAL_URL",
    token: ctx.env.ZEROTIER_CENTRAL_TOKEN ?? "",
  });
  const { networkId, outputs } = await networkOf(ctx, flags, loaded);

  for (;;) {
    const text = await snapshot(ctx, {
      client,
      networkId,
      outputs,
      loaded,
      watching: interval !== undefined,
    });
    const clear = interval !== undefined && ctx.stdout.isTTY === true && !ctx.options.json;
    ctx.stdout.write(clear ? CLEAR_SCREEN + text : text);
    if (interval === undefined) return 0;
    try {
      await delay(interval * 1000, undefined, { signal: ctx.signal });
    } catch {
      return 0;
    }
    if (!clear && !ctx.options.json) ctx.stdout.write("\n");
  }
}

async function snapshot(
  ctx: CliContext,
  {
    client,
    networkId,
    outputs,
    loaded,
    watching,
  }: {
    client: CentralClient;
    watching: boolean;
    networkId: string;
    outputs: LabOutputs | undefined;
    loaded: LabAndPlan;
  },
): Promise<string> {
  const [network, members] = await Promise.all([
    client.getNetwork(networkId, ctx.signal),
    client.listMembers(networkId, ctx.signal),
  ]);
  const view = buildStatusView({
    networkId,
    network,
    members,
    plan: loaded.plan,
    outputs,
    now: Date.now(),
  });
  // Watching prints JSON Lines (one compact document per refresh); a single shot is indented.
  if (ctx.options.json)
    return JSON.stringify(statusJson(view), null, watching ? undefined : 2) + "\n";
  return renderStatus(view);
}

async function networkOf(
  ctx: CliContext,
  flags: StatusFlags,
  loaded: LabAndPlan,
): Promise<{ networkId: string; outputs: LabOutputs | undefined }> {
  if (flags.network !== undefined) {
    if (!isNetworkId(flags.network)) {
      throw new InputError(`--network: "${flags.network}" is not a network id (16 hex digits)`, {
        code: "invalid-flag",
      });
    }
    const outputs =
      flags.outputs === undefined ? undefined : await readLabOutputs(ctx, flags, loaded);
    return { networkId: flags.network, outputs };
  }
  const outputs = await readLabOutputs(ctx, flags, loaded);
  if (outputs.networkId === undefined) {
    throw labNotUp(
      "the lab's Terraform outputs hold no network id; the lab is not up",
      "outputs-without-network",
    );
  }
  return { networkId: outputs.networkId, outputs };
}

export const MAX_WATCH_SECONDS = 3600;

function seconds(flags: StatusFlags): number {
  if (typeof flags.watch !== "string") return 5;
  const value = positiveInt(flags.watch, "--watch");
  if (value > MAX_WATCH_SECONDS) {
    throw new InputError(
      `--watch: ${value} seconds is longer than ${MAX_WATCH_SECONDS} (an hour)`,
      {
        code: "invalid-flag",
      },
    );
  }
  return value;
}
