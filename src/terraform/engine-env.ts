// The environment every engine run gets: non-interactive, and free of settings that would change
// the machine-readable streams ztlab parses or reach for a shared plugin cache.
const REMOVED = /^(TF_CLI_ARGS(_\w+)?|TF_PLUGIN_CACHE_DIR|TF_LOG(_\w+)?)$/;

export const ENGINE_SETTINGS: Readonly<Record<string, string>> = {
  TF_IN_AUTOMATION: "1",
  TF_INPUT: "0",
  // No update check: it would reach the internet on every run and print upgrade notices.
  CHECKPOINT_DISABLE: "1",
};

export function engineEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !REMOVED.test(name)) out[name] = value;
  }
  return { ...out, ...ENGINE_SETTINGS };
}

/** Whether --verbose lists a variable of the engine environment: Terraform's own settings. */
export function isEngineSetting(name: string): boolean {
  return name.startsWith("TF_") || name in ENGINE_SETTINGS;
}
