// `ztlab rules check FILE|-`: the compiler's verdict, with excerpts, and exit 2 on errors.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError } from "../../errors/index.js";
import { compileRules, formatRulesDiagnostic } from "../../zerotier/index.js";
import type { CompiledRules } from "../../zerotier/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT_BAD_INPUT } from "../report-error.js";

export async function checkRulesFile(
  ctx: CliContext,
  { file, strict }: { file: string; strict: boolean },
): Promise<number> {
  const fileName = file === "-" ? "<stdin>" : file;
  const source = file === "-" ? await readStdin(ctx) : await readRules(resolve(ctx.cwd, file));
  const result = compileRules(source, { strict });
  for (const warning of result.warnings) {
    ctx.stderr.write(formatRulesDiagnostic(warning, { source, fileName }) + "\n");
  }

  if (!result.ok) {
    for (const error of result.errors) {
      ctx.stderr.write(formatRulesDiagnostic(error, { source, fileName }) + "\n");
    }
    const count = result.errors.length;
    ctx.stderr.write(`${fileName}: ${count} error${count > 1 ? "s" : ""}\n`);
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
  const lines = [
    `${rules.length} rule entries (${actions} actions, ${rules.length - actions} matches)`,
  ];
  lines.push(`${tags.length} tag${tags.length === 1 ? "" : "s"}${names(program.tagsByName)}`);
  const caps = capabilities.length;
  lines.push(`${caps} capabilit${caps === 1 ? "y" : "ies"}${names(program.capabilitiesByName)}`);
  return lines.join("\n");
}

function names(byName: Record<string, unknown>): string {
  const keys = Object.keys(byName);
  return keys.length === 0 ? "" : `: ${keys.join(", ")}`;
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
