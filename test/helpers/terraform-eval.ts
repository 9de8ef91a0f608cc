// Runs the real terraform binary on small configurations that need no provider: locals and
// outputs only. Templates are evaluated with test values standing in for resource attributes.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const hasTerraform = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;

/** Runs terraform in `dir` with a clean environment: no credentials, no CLI config, no network. */
export function terraform(dir: string, args: readonly string[]) {
  const result = spawnSync("terraform", ["-chdir=" + dir, ...args], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      TF_CLI_CONFIG_FILE: "/dev/null",
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Replaces the expression of every interpolation `${...}` of a template written in Terraform's
 * JSON syntax, leaving escaped `$${` and `%%{` and everything else byte for byte.
 */
export function rewriteInterpolations(template: string, replace: (expr: string) => string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += template.slice(i, i + 3);
      i += 3;
    } else if (template.startsWith("${", i)) {
      const end = closingBrace(template, i + 2);
      out += "${" + replace(template.slice(i + 2, end)) + "}";
      i = end + 1;
    } else {
      out += template[i];
      i += 1;
    }
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (char === "\\" && quoted) i += 1;
    else if (char === '"') quoted = !quoted;
    else if (char === "}" && !quoted) return i;
  }
  throw new Error(`unclosed interpolation at ${from}`);
}

/**
 * Evaluates templates (as written in a .tf.json file) with terraform: each reference listed in
 * `values` reads its test value; a quoted string stays; any other reference fails the run.
 */
export async function evaluateTemplates(
  templates: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const keys = Object.keys(values);
  const output: Record<string, { value: string }> = {};
  for (const [name, template] of Object.entries(templates)) {
    const value = rewriteInterpolations(template, (expr) => {
      if (expr.startsWith('"')) return expr;
      const index = keys.indexOf(expr);
      if (index < 0) throw new Error(`no test value for reference ${expr}`);
      return `local.v.k${index}`;
    });
    output[name] = { value };
  }
  const locals = { v: Object.fromEntries(keys.map((key, i) => [`k${i}`, values[key]])) };
  for (const value of Object.values(values)) {
    if (/[$%]\{/.test(value)) throw new Error("test values must not look like templates");
  }

  const dir = await mkdtemp(join(tmpdir(), "ztlab-tf-eval-"));
  try {
    await writeFile(join(dir, "main.tf.json"), JSON.stringify({ locals, output }, null, 2));
    const apply = terraform(dir, ["apply", "-auto-approve", "-no-color", "-lock=false"]);
    if (apply.code !== 0) throw new Error(`terraform apply failed:\n${apply.stderr}`);
    const shown = terraform(dir, ["output", "-json", "-no-color"]);
    if (shown.code !== 0) throw new Error(`terraform output failed:\n${shown.stderr}`);
    const parsed = JSON.parse(shown.stdout) as Record<string, { value: string }>;
    return Object.fromEntries(Object.entries(parsed).map(([name, { value }]) => [name, value]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
