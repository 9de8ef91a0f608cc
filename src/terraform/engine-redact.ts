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
  secretNames = [],
}: {
  command: string;
  args: readonly string[];
  /** The whole environment: its secret-named values are hunted for in every argument. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Which variables to list; all by default. */
  showEnv?: (name: string) => boolean;
  /** Variables whose values are secret although their names do not say so. */
  secretNames?: readonly string[];
}): InvocationDisplay {
  const secrets = secretValues(env, secretNames);
  const shown = args.map((arg, i) => redactArgument(arg, args[i - 1], secrets));
  const envLines = Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && showEnv(entry[0]))
    .map(
      ([name, value]) =>
        `${name}=${isSecretName(name) || secretNames.includes(name) ? REDACTED : hideAll(value, secrets)}`,
    )
    .sort();
  return { commandLine: [command, ...shown].map(shellQuote).join(" "), env: envLines };
}

/**
 * The secret values of an environment, longest first: values of secret-named variables and of
 * `names` (a caller's list, e.g. every cloud's credential variables), when long enough to hunt for.
 */
export function secretValues(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[] = [],
): string[] {
  const wanted = new Set(names);
  const values = Object.entries(env)
    .filter(([name, value]) => (isSecretName(name) || wanted.has(name)) && value !== undefined)
    .map(([, value]) => (value as string).trim())
    .filter((value) => value.length >= MIN_SECRET_LENGTH);
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of any of `secrets` (longest first) in a text by `***`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return hideAll(text, secrets);
}

/** Masks every string inside a JSON-like value, keeping its shape. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return maskValue(value, secrets) as T;
}

function maskValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return hideAll(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, maskValue(item, secrets)]),
  );
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

// Finds every occurrence first, then masks each run of overlapping ones once: replacing one
// secret at a time would leave the tail of a second secret that overlaps the first.
function hideAll(text: string, secrets: readonly string[]): string {
  const spans = secrets.flatMap((secret) => occurrences(text, secret));
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = "";
  let shownUpTo = 0;
  let run = spans[0] as Span;
  for (const span of spans.slice(1)) {
    if (span.start < run.end) run = { start: run.start, end: Math.max(run.end, span.end) };
    else {
      out += text.slice(shownUpTo, run.start) + REDACTED;
      shownUpTo = run.end;
      run = span;
    }
  }
  return out + text.slice(shownUpTo, run.start) + REDACTED + text.slice(run.end);
}

interface Span {
  start: number;
  end: number;
}

function occurrences(text: string, secret: string): Span[] {
  const spans: Span[] = [];
  if (secret === "") return spans;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    spans.push({ start: at, end: at + secret.length });
  }
  return spans;
}

function shellQuote(word: string): string {
  if (word !== "" && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
