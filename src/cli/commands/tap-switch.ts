// `ztlab tap`: edit the lab file's flow_rules, re-synthesize, apply only the network.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { FlowRulesMode, LabSource, LoadedLab } from "../../config/index.js";
import { InputError } from "../../errors/index.js";
import type { LabPlan } from "../../plan/index.js";
import type { CliContext } from "../cli-context.js";
import { MissingCredentialsError, ZEROTIER_TOKEN } from "./credential-check.js";
import { labRulesView } from "./rules-show.js";
import type { TapFlags } from "./tap.js";

const NETWORK_TARGET = "zerotier_network.demolab";
const FLOW_RULES = ["network", "flow_rules"] as const;

export async function switchTap(
  ctx: CliContext,
  flags: TapFlags & { mode: FlowRulesMode },
): Promise<number> {
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { lab, plan } = await loadLabAndPlan(ctx);
  const source = editableSource(lab, flags);
  const tap = flags.to ?? plan.network.flowRules.tap;
  checkTapNode(plan, { tap, mode: flags.mode });

  const edits = changedValues(plan, { ...flags, tap });
  if (edits.length === 0) {
    ctx.note(`flow rules already in mode ${flags.mode}; nothing to change`);
    return 0;
  }
  // Applying needs only the ZeroTier token (the network is the one target); without it nothing
  // is written, as `up` does.
  if (flags.apply) checkToken(ctx);
  const next = await editAndReload(ctx, lab, source, edits);
  const { terraformDir } = await import("./engine-session.js");
  const dir = terraformDir(ctx, lab, flags);
  // Synthesis and every check of both writes run before anything is written, so a lab it
  // rejects or a directory it may not write leaves every file as it was.
  const { checkSynthDirectory, synthesizeLab, writeSynthDirectory } =
    await import("../../synth/index.js");
  const { checkLabFileWritable, replaceLabFile } = await import("../../config/index.js");
  const synthesized = synthesizeLab(next.plan, { state: lab.config.state });
  const target = {
    dir,
    result: synthesized,
    flag: "--dir",
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  };
  await checkSynthDirectory(target);
  await checkLabFileWritable(source.path);
  ctx.signal?.throwIfAborted();

  await replaceLabFile(source.path, next.text);
  let report;
  try {
    report = await writeSynthDirectory(target);
  } catch (error) {
    // The lab file and the directory go together: put the old text back (best effort).
    await replaceLabFile(source.path, lab.text ?? "").catch(() => undefined);
    throw error;
  }

  const quiet = ctx.level === "quiet";
  const before = labRulesView(plan);
  const after = labRulesView(next.plan);
  if (!quiet) {
    ctx.out(`old rules (${before.mode}):\n${indent(before.rules)}`);
    ctx.out(`new rules (${after.mode}):\n${indent(after.rules)}`);
    ctx.out(after.meaning);
  }
  const shownLab = relative(ctx.cwd, source.path) || source.path;
  ctx.note(`updated ${shownLab}: ${edits.map(describe).join(", ")}`);
  const changed = report.files.filter((file) => file.change !== "unchanged").map((f) => f.name);
  ctx.note(`re-synthesized ${relative(ctx.cwd, dir) || "."}: ${changed.join(", ") || "no change"}`);

  const chdir = relative(ctx.cwd, dir) || ".";
  const command = `terraform -chdir=${chdir} apply -target=${NETWORK_TARGET}`;
  if (!flags.apply) {
    if (!quiet) ctx.out(`to apply: ${command}`);
    return 0;
  }
  await applyNetwork(ctx, { dir, flags });
  if (!quiet) ctx.out(`applied ${NETWORK_TARGET}`);
  return 0;
}

function checkToken(ctx: CliContext): void {
  if ((ctx.env[ZEROTIER_TOKEN] ?? "") !== "") return;
  throw new MissingCredentialsError("missing credentials for zerotier; nothing was changed", {
    code: "missing-credentials",
    details: ["zerotier:", `  set ${ZEROTIER_TOKEN}`],
    hint: "export it (its value is never shown), or pass --no-apply to edit and synthesize only",
  });
}

type FileSource = LabSource & { kind: "file"; format: "yaml" | "json" };

function editableSource(lab: LoadedLab, flags: { mode: string }): FileSource {
  const { source } = lab;
  if (source.kind === "builtin") {
    throw new InputError("no lab file to edit: this is the built-in reference lab", {
      code: "no-lab-file",
      hint: "run `ztlab init` to write ztlab.yaml, then `ztlab tap " + flags.mode + "` again",
    });
  }
  if (source.format === "ts" || lab.text === undefined) {
    throw new InputError(`${source.path} is code; ztlab edits only YAML and JSON lab files`, {
      code: "lab-file-not-editable",
      hint: `set network.flow_rules.mode to "${flags.mode}" there by hand`,
    });
  }
  return { ...source, format: source.format };
}

function checkTapNode(plan: LabPlan, { tap, mode }: { tap: string | undefined; mode: string }) {
  const enabled = plan.nodes.filter((node) => node.enabled).map((node) => node.name);
  const node = plan.nodes.find((candidate) => candidate.name === tap);
  const hint =
    enabled.length === 0 ? "enable a node first" : `choose one of: ${enabled.join(", ")}`;
  if (tap === undefined && mode !== "off") {
    throw new InputError("no tap node: the lab has no enabled node to copy frames to", {
      code: "no-tap-node",
      hint,
    });
  }
  if (tap !== undefined && node === undefined) {
    throw new InputError(`--to: no node "${tap}" in the lab`, { code: "unknown-tap-node", hint });
  }
  if (node !== undefined && !node.enabled && mode !== "off") {
    throw new InputError(`--to: node "${node.name}" is disabled`, {
      code: "disabled-tap-node",
      hint,
    });
  }
}

interface FlowEdit {
  key: "mode" | "tap" | "drop_non_ip";
  value: string | boolean;
}

function changedValues(
  plan: LabPlan,
  { mode, tap, dropNonIp }: { mode: FlowRulesMode; tap: string | undefined; dropNonIp?: boolean },
): FlowEdit[] {
  const current = plan.network.flowRules;
  const edits: FlowEdit[] = [];
  if (mode !== current.mode) edits.push({ key: "mode", value: mode });
  if (tap !== undefined && tap !== current.tap) edits.push({ key: "tap", value: tap });
  if (dropNonIp !== undefined && dropNonIp !== current.dropNonIp) {
    edits.push({ key: "drop_non_ip", value: dropNonIp });
  }
  return edits;
}

// The edited text is parsed, validated and resolved before it may replace the file.
async function editAndReload(
  ctx: CliContext,
  lab: LoadedLab,
  source: FileSource,
  edits: FlowEdit[],
) {
  const { editLabText, parseLabText, validateLab } = await import("../../config/index.js");
  const { resolvePlan } = await import("../../plan/index.js");
  const { credentialsPresent } = await import("../lab-loading.js");
  const text = editLabText(lab.text ?? "", {
    format: source.format,
    edits: edits.map(({ key, value }) => ({ path: [...FLOW_RULES, key], value })),
  });
  const parsed = parseLabText(text, source);
  const config = validateLab(parsed.value, { source: source.path, locate: parsed.locate });
  const hasCredentials = await credentialsPresent(ctx);
  return { text, plan: resolvePlan(config, { source: source.path, hasCredentials }) };
}

async function applyNetwork(ctx: CliContext, { dir, flags }: { dir: string; flags: TapFlags }) {
  const { engineApply, engineInit } = await import("../../terraform/index.js");
  const { engineRun, findEngine, progressView } = await import("./engine-session.js");
  const engine = await findEngine(ctx, flags);
  const run = engineRun(ctx, engine, dir, progressView(ctx));
  // A directory never initialised (fresh clone, new machine) needs init before any apply.
  if (!existsSync(join(dir, ".terraform"))) await engineInit(run);
  ctx.note(`applying ${NETWORK_TARGET} with ${engine.kind} ${engine.version}`);
  await engineApply(run, { targets: [NETWORK_TARGET] });
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function describe({ key, value }: FlowEdit): string {
  return `${key} ${String(value)}`;
}
