import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { execa } from "execa";
import { EnvironmentError, InputError } from "../errors/index.js";
import { engineEnvironment } from "./engine-env.js";
import { maskSecrets, secretValues } from "./engine-redact.js";

export type EngineKind = "terraform" | "tofu";

/** The binary that runs the lab, found on PATH and checked. */
export interface Engine {
  kind: EngineKind;
  path: string;
  version: string;
  /**
   * `init -json` exists from Terraform 1.9; older engines and OpenTofu init in text mode.
   * LIMITATION(#4): in text mode an init failure shows the engine's last stderr lines, not
   * structured diagnostics.
   */
  supportsJsonInit: boolean;
}

export const ENGINE_KINDS: readonly EngineKind[] = ["terraform", "tofu"];

/** Oldest versions ztlab runs: terraform_data and `-json` plan/apply streams are needed. */
export const MINIMUM_VERSIONS: Readonly<Record<EngineKind, string>> = {
  terraform: "1.5.0",
  tofu: "1.6.0",
};

const INSTALL_HINTS: Readonly<Record<EngineKind, string>> = {
  terraform: "install Terraform: https://developer.hashicorp.com/terraform/install",
  tofu: "install OpenTofu: https://opentofu.org/docs/intro/install/",
};

/** Validates an engine name from `--engine` or ZTLAB_ENGINE. */
export function parseEngineKind(value: string, where: string): EngineKind {
  if ((ENGINE_KINDS as readonly string[]).includes(value)) return value as EngineKind;
  throw new InputError(`${where}: unknown engine "${value}"`, {
    code: "unknown-engine",
    hint: `use one of: ${ENGINE_KINDS.join(", ")}`,
  });
}

/**
 * Finds the engine on PATH and checks its version. Without a choice, terraform wins when both are
 * installed: the published walkthrough and HCP Terraform's VCS runs use it, so one directory
 * stays on one engine; tofu is used when it is the only one.
 */
export async function locateEngine({
  choice,
  pathEnv,
  env,
  secretNames = [],
}: {
  choice: EngineKind | undefined;
  pathEnv: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Variables whose values are masked in what the engine prints, beyond secret-named ones. */
  secretNames?: readonly string[];
}): Promise<Engine> {
  const kinds = choice === undefined ? ENGINE_KINDS : [choice];
  for (const kind of kinds) {
    const path = findOnPath(kind, pathEnv);
    if (path !== undefined) return checkEngine(kind, path, env, secretNames);
  }
  const wanted = kinds.join(" or ");
  throw new EnvironmentError(`${wanted} not found on PATH`, {
    code: "engine-not-found",
    details: kinds.map((kind) => INSTALL_HINTS[kind]),
    hint: "choose with --engine terraform|tofu or ZTLAB_ENGINE",
  });
}

/** The first executable named `name` in a PATH string. */
export function findOnPath(name: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The version in `-version -json` output (`terraform_version`, also what OpenTofu prints). */
export function parseVersionJson(text: string): string | undefined {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const version = data.terraform_version ?? data.tofu_version ?? data.version;
    return typeof version === "string" ? version.replace(/^v/, "") : undefined;
  } catch {
    return undefined;
  }
}

/** Compares dotted versions numerically; a pre-release suffix counts as its base version. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (v.split(/[-+]/)[0] ?? "").split(".").map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

async function checkEngine(
  kind: EngineKind,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  secretNames: readonly string[],
): Promise<Engine> {
  const result = await execa(path, ["-version", "-json"], {
    env: engineEnvironment(env),
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: "ignore",
  });
  const version = parseVersionJson(String(result.stdout));
  if (result.exitCode !== 0 || version === undefined) {
    throw new EnvironmentError(`${path} -version -json failed; cannot tell its version`, {
      code: "engine-unusable",
      details: maskSecrets(String(result.stderr), secretValues(env, secretNames))
        .split("\n")
        .slice(-5),
      hint: INSTALL_HINTS[kind],
    });
  }
  const minimum = MINIMUM_VERSIONS[kind];
  if (compareVersions(version, minimum) < 0) {
    throw new EnvironmentError(`${kind} ${version} is too old: ztlab needs ${minimum} or newer`, {
      code: "engine-too-old",
      details: [`found at ${path}`],
      hint: INSTALL_HINTS[kind],
    });
  }
  const supportsJsonInit = kind === "terraform" && compareVersions(version, "1.9.0") >= 0;
  return { kind, path, version, supportsJsonInit };
}
