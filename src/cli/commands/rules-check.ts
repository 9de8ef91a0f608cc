// `ztlab rules check [FILE|-]`: the compiler's verdict, with excerpts, and exit 2 on errors.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError } from "../../errors/index.js";
import { compileRules, formatRulesDiagnostic } from "../../zerotier/index.js";
import type { CompiledRules, RulesDiagnostic } from "../../zerotier/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT_BAD_INPUT } from "../report-error.js";

export async function checkRulesFile(
  ctx: CliContext,
  { file, strict }: { file: string | undefined; strict: boolean },
): Promise<number> {
  const { fileName, source } = await readProgram(ctx, file);
  const result = compileRules(source, { strict });
  const print = (list: readonly RulesDiagnostic[], kind: string) => {
    for (const diagnostic of list.slice(0, MAX_PRINTED)) {
      ctx.stderr.write(formatRulesDiagnostic(diagnostic, { source, fileName }) + "\n");
    }
    if (list.length > MAX_PRINTED) {
      ctx.stderr.write(`... and ${list.length - MAX_PRINTED} more ${kind}s\n`);
    }
  };
  print(result.warnings, "warning");

  if (!result.ok) {
    print(result.errors, "error");
    ctx.stderr.write(`${fileName}: ${plural(result.errors.length, "error")}\n`);
    if (ctx.options.json) ctx.out(JSON.stringify({ errors: result.errors }, null, 2));
    return EXIT_BAD_INPUT;
  }
  // The compiler's own CLI prints one-space indentation; keep that shape for diffing.
  if (ctx.options.json) ctx.out(JSON.stringify(result.program, null, 1));
  else ctx.out(`ok\n${summarize(result.program)}`);
  return 0;
}

function summarize(program: CompiledRules): string {
  const { rules, capabilities, tags } = program.config;
  const actions = rules.filter((rule) => rule.type.startsWith("ACTION_")).length;
  const matches = rules.length - actions;
  const lines = [
    `${plural(rules.length, "rule entry", "rule entries")} ` +
      `(${plural(actions, "action")}, ${plural(matches, "match", "matches")})`,
  ];
  lines.push(`${tags.length} tag${tags.length === 1 ? "" : "s"}${names(program.tagsByName)}`);
  const caps = capabilities.length;
  lines.push(`${caps} capabilit${caps === 1 ? "y" : "ies"}${names(program.capabilitiesByName)}`);
  return lines.join("\n");
}

const MAX_PRINTED = 50;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function names(byName: Record<string, unknown>): string {
  const keys = Object.keys(byName);
  return keys.length === 0 ? "" : `: ${keys.join(", ")}`;
}

async function readProgram(
  ctx: CliContext,
  file: string | undefined,
): Promise<{ fileName: string; source: string }> {
  if (file === "-") return { fileName: "<stdin>", source: await readStdin(ctx) };
  if (file !== undefined)
    return { fileName: file, source: await readRules(resolve(ctx.cwd, file)) };
  const { loadLabAndPlan } = await import("../lab-loading.js");
  const { labRulesProgram } = await import("./rules-show.js");
  const { plan } = await loadLabAndPlan(ctx);
  return { fileName: "network.flow_rules", source: labRulesProgram(plan) };
}

async function readRules(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${path}`, {
      code: "rules-file-unreadable",
      cause: error,
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
}

async function readStdin(ctx: CliContext): Promise<string> {
  if (ctx.stdin === undefined) {
    throw new InputError("no stdin to read the rules program from", { code: "no-stdin" });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
