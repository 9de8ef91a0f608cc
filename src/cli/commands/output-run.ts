// `ztlab output`, loaded only when the command runs.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { EngineError, EnvironmentError } from "../../errors/index.js";
import { engineInit, engineOutputs, isSecretName, REDACTED } from "../../terraform/index.js";
import type { EngineOutput } from "../../terraform/index.js";
import type { CliContext } from "../cli-context.js";
import { renderTable } from "../table.js";
import {
  engineChoice,
  engineRun,
  findEngine,
  progressView,
  terraformDir,
} from "./engine-session.js";
import type { OutputFlags } from "./output.js";

const nodeSchema = z.object({
  public_ipv4: z.string().nullable().default(null),
  public_ipv6: z.string().nullable().default(null),
  zerotier_ip: z.string(),
  fqdn: z.string(),
  node_id: z.string(),
  cloud: z.string(),
  region: z.string(),
});
const labOutputsSchema = z.object({
  networks: z.record(z.string(), z.string()).default({}),
  nodes: z.record(z.string(), nodeSchema).default({}),
});

type LabNode = z.output<typeof nodeSchema> & { name: string; ssh: string | null };

const LAB_OUTPUTS = new Set(["networks", "identities", "nodes"]);

export async function runOutput(ctx: CliContext, flags: OutputFlags): Promise<number> {
  await engineChoice(ctx, flags);
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { lab, plan } = await loadLabAndPlan(ctx);
  const dir = terraformDir(ctx, lab, flags);
  if (!existsSync(dir)) {
    throw new EnvironmentError(`${dir}: no Terraform directory; the lab is not up`, {
      code: "no-terraform-dir",
      hint: "nothing applied yet; run `ztlab up` first, or pass --dir",
    });
  }
  const engine = await findEngine(ctx, flags);
  const run = engineRun(ctx, engine, dir, progressView(ctx));
  // Local state is read without init, so no provider is downloaded just to show outputs; a
  // remote backend needs an initialized directory before it can reach its state.
  // LIMITATION(#4): that init also installs the providers.
  const remote = lab.config.state !== undefined && lab.config.state.backend !== "local";
  if (remote && !existsSync(join(dir, ".terraform"))) await engineInit(run);
  const outputs = await engineOutputs(run);
  if (Object.keys(outputs).length === 0) throw nothingApplied(dir);

  const show = flags.showSecrets === true;
  const parsed = labOutputsSchema.safeParse(visible(outputs, ["networks", "nodes"], show));
  if (!parsed.success) {
    throw new EngineError("the outputs `networks` and `nodes` do not have the shape ztlab writes", {
      code: "unexpected-outputs",
      details: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      hint: "was this directory written by `ztlab synth` or `ztlab up`?",
    });
  }
  const user = plan.users[0]?.username;
  const nodes: LabNode[] = Object.entries(parsed.data.nodes).map(([name, node]) => ({
    name,
    ...node,
    ssh:
      node.public_ipv4 === null
        ? null
        : `ssh ${user === undefined ? "" : `${user}@`}${node.public_ipv4}`,
  }));
  const others = Object.fromEntries(
    Object.entries(outputs)
      .filter(([name]) => !LAB_OUTPUTS.has(name))
      .map(([name, output]) => [name, maskOutput(output, show)]),
  );

  if (ctx.options.json) {
    ctx.out(JSON.stringify({ networks: parsed.data.networks, nodes, outputs: others }, null, 2));
    return 0;
  }
  ctx.out(renderOutputs(parsed.data.networks, nodes, others));
  return 0;
}

function nothingApplied(dir: string): EnvironmentError {
  return new EnvironmentError("nothing applied yet; run `ztlab up`", {
    code: "nothing-applied",
    details: [`the state of ${dir} holds no outputs`],
  });
}

function visible(outputs: Record<string, EngineOutput>, names: string[], show: boolean) {
  return Object.fromEntries(
    Object.entries(outputs)
      .filter(([name]) => names.includes(name))
      .map(([name, output]) => [name, maskOutput(output, show)]),
  );
}

/** A sensitive output is replaced whole; inside others, secret-named keys are. */
export function maskOutput(output: EngineOutput, show: boolean): unknown {
  if (show) return output.value;
  if (output.sensitive) return REDACTED;
  return maskKeys(output.value);
}

function maskKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSecretName(key) ? REDACTED : maskKeys(item),
    ]),
  );
}

function renderOutputs(
  networks: Record<string, string>,
  nodes: LabNode[],
  others: Record<string, unknown>,
): string {
  const parts: string[] = [];
  for (const [name, id] of Object.entries(networks)) parts.push(`network ${name}: ${id}\n`);
  if (nodes.length === 0) parts.push("no nodes\n");
  else {
    parts.push(
      renderTable(nodes, [
        { header: "NODE", value: (n) => n.name },
        { header: "CLOUD", value: (n) => n.cloud },
        { header: "REGION", value: (n) => n.region },
        { header: "NODE ID", value: (n) => n.node_id },
        { header: "PUBLIC IPV4", value: (n) => n.public_ipv4 ?? "-" },
        { header: "PUBLIC IPV6", value: (n) => n.public_ipv6 ?? "-" },
        { header: "ZEROTIER IP", value: (n) => n.zerotier_ip },
        { header: "DNS NAME", value: (n) => n.fqdn },
        { header: "SSH", value: (n) => n.ssh ?? "-" },
      ]),
    );
  }
  const extra = Object.entries(others);
  if (extra.length > 0) {
    parts.push(
      "\n" +
        renderTable(extra, [
          { header: "OUTPUT", value: ([name]) => name },
          {
            header: "VALUE",
            value: ([, value]) => (typeof value === "string" ? value : JSON.stringify(value)),
          },
        ]),
    );
  }
  return parts.join("");
}
