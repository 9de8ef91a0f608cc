// Runs the real terraform binary offline: no update checks, no CLI config from the machine.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const hasTerraform = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;

export const NO_TERRAFORM = "terraform binary not found";

export interface TerraformRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs terraform in `dir` with an empty CLI config and checkpoint calls off. */
export function runTerraform(dir: string, args: string[], input?: string): TerraformRun {
  const config = join(dir, ".terraformrc");
  writeFileSync(config, "");
  const result = spawnSync("terraform", args, {
    cwd: dir,
    input,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_CLI_CONFIG_FILE: config,
    },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temp dir removed after `use` returns or throws. */
export function withTempDir<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "ztlab-clouds-"));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value of output `value` after applying a config made of builtin blocks only. */
export function applyAndReadOutput(configJson: string): string {
  return withTempDir((dir) => {
    writeFileSync(join(dir, "main.tf.json"), configJson);
    const apply = runTerraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
    if (apply.status !== 0) throw new Error(`terraform apply failed:\n${apply.stderr}`);
    const out = execFileSync("terraform", ["output", "-json"], {
      cwd: dir,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        CHECKPOINT_DISABLE: "1",
        TF_CLI_CONFIG_FILE: join(dir, ".terraformrc"),
      },
    });
    const outputs = JSON.parse(out) as Record<string, { value: unknown }>;
    const value = outputs.value?.value;
    if (typeof value !== "string") throw new Error(`output value is not a string: ${out}`);
    return value;
  });
}

/** Syntax problems terraform finds in native-syntax expressions; empty when all parse. */
export function expressionSyntaxErrors(expressions: readonly string[]): string {
  const text = expressions.map((expr, i) => `e${i} = (${expr})\n`).join("");
  return withTempDir((dir) => {
    const run = runTerraform(dir, ["fmt", "-no-color", "-"], text);
    return run.status === 0 ? "" : run.stderr;
  });
}
