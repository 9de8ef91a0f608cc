// The one place that makes engine command lines and environments safe to show.

export const REDACTED = "***";

// Names of variables and settings whose values are secrets: provider credentials
// (AWS_SECRET_ACCESS_KEY, ARM_CLIENT_SECRET, DIGITALOCEAN_TOKEN, HCLOUD_TOKEN, TF_TOKEN_*),
// ZeroTier's ZEROTIER_CENTRAL_TOKEN, and anything else named like a key or password.
const SECRET_WORDS = [
  "TOKEN",
  "SECRET",
  "PASSW(OR)?D",
  "PASSPHRASE",
  "PRIVATE",
  "CREDENTIAL",
  "AUTH",
  "SESSION",
  "API_?KEY",
  "ACCESS_KEY",
  "_KEY$",
  "^KEY$",
  "SAS",
];
const SECRET_NAME = new RegExp(SECRET_WORDS.join("|"), "i");

// Values shorter than this are not hunted for inside other arguments: too many false matches.
const MIN_SECRET_LENGTH = 6;

export interface InvocationDisplay {
  /** The command as a person would type it, shell-quoted, secrets replaced by `***`. */
  commandLine: string;
  /** `NAME=value` lines of the shown variables, sorted, secrets replaced by `***`. */
  env: string[];
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Redacts a command line and an environment for display: values of secret-named variables and
 * `-var`/`-backend-config` settings, and any secret value that appears inside another argument.
 */
export function redactInvocation({
  command,
  args,
  env = {},
  showEnv = () => true,
}: {
  command: string;
  args: readonly string[];
  /** The whole environment: its secret-named values are hunted for in every argument. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Which variables to list; all by default. */
  showEnv?: (name: string) => boolean;
}): InvocationDisplay {
  const secrets = Object.entries(env)
    .filter(([name, value]) => isSecretName(name) && (value?.length ?? 0) >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
  const shown = args.map((arg, i) => redactArgument(arg, args[i - 1], secrets));
  const envLines = Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && showEnv(entry[0]))
    .map(([name, value]) => `${name}=${isSecretName(name) ? REDACTED : hideAll(value, secrets)}`)
    .sort();
  return { commandLine: [command, ...shown].map(shellQuote).join(" "), env: envLines };
}

function redactArgument(arg: string, previous: string | undefined, secrets: string[]): string {
  const flag = /^(-{1,2}(?:var|backend-config))=([^=]+)=(.*)$/s.exec(arg);
  if (flag?.[1] !== undefined && flag[2] !== undefined && isSecretName(flag[2])) {
    return `${flag[1]}=${flag[2]}=${REDACTED}`;
  }
  const isSettingValue = previous === "-var" || previous === "-backend-config";
  const setting = /^([^=]+)=(.*)$/s.exec(arg);
  if (isSettingValue && setting?.[1] !== undefined && isSecretName(setting[1])) {
    return `${setting[1]}=${REDACTED}`;
  }
  return hideAll(arg, secrets);
}

function hideAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

function shellQuote(word: string): string {
  if (word !== "" && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
