// Which credentials the lab needs and which are present, by variable NAME only: values are looked
// at for presence and never copied into a report, message or event.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CredentialSpec } from "../../clouds/index.js";
import type { CloudKind } from "../../config/index.js";
import { EnvironmentError } from "../../errors/index.js";
import type { LabPlan, PlannedNode } from "../../plan/index.js";

type Env = Readonly<Record<string, string | undefined>>;

export const ZEROTIER_TOKEN = "ZEROTIER_CENTRAL_TOKEN";
export const ZEROTIER_URL = "ZEROTIER_CENTRAL_URL";

export interface CloudCredentials {
  cloud: CloudKind;
  /** Nodes of the lab on this cloud that want to be built (enabled or auto). */
  nodes: string[];
  /** Every node here is `enabled: auto` and resolved off: the cloud is skipped, not missing. */
  skippedAuto: boolean;
  /** False when ztlab has no module for the cloud (nothing to check). */
  supported: boolean;
  ready: boolean;
  /** Each alternative group with the names missing from it. */
  groups: { names: string[]; missing: string[] }[];
  configFile: { path: string; present: boolean } | undefined;
  /** Variables the lab's own nodes need on top of the credentials (see `nodeRequirements`). */
  required: { name: string; present: boolean }[];
  optional: { name: string; present: boolean }[];
}

/** The OCI module's Terraform variable for nodes without compartment_id in the lab file. */
export const OCI_COMPARTMENT_VARIABLE = "TF_VAR_oci_compartment_ocid";

/**
 * Variables some nodes need beyond the provider's credentials: an OCI node without
 * compartment_id takes its compartment from a Terraform variable that has no default.
 */
export function nodeRequirements(cloud: CloudKind, nodes: readonly PlannedNode[]): string[] {
  if (cloud === "oci" && nodes.some((node) => node.compartmentId === undefined)) {
    return [OCI_COMPARTMENT_VARIABLE];
  }
  return [];
}

export interface CredentialReport {
  clouds: CloudCredentials[];
  zerotier: { token: boolean; url: boolean };
  ready: boolean;
}

export interface CredentialLookup {
  env: Env;
  spec: (cloud: CloudKind) => CredentialSpec | undefined;
  /** Whether a file exists; the real file system unless a test passes its own. */
  fileExists?: (path: string) => boolean;
}

/** Missing credentials stop `up` before any engine call: the user must supply input (exit 2). */
export class MissingCredentialsError extends EnvironmentError {
  override get exitCode(): number {
    return 2;
  }
}

/**
 * Every credential variable of the given clouds, whose values are masked in anything shown. A
 * profile name only picks an entry of a credentials file: it is a label, often "default", and
 * masking it would garble ordinary text.
 */
export function credentialVariableNames(specs: Iterable<CredentialSpec>): string[] {
  const names = new Set<string>();
  for (const spec of specs) {
    for (const name of spec.anyOf.flat()) if (!name.endsWith("_PROFILE")) names.add(name);
  }
  return [...names].sort();
}

/** Whether one cloud's credentials are present; what `enabled: auto` asks. */
export function hasCloudCredentials(cloud: CloudKind, lookup: CredentialLookup): boolean {
  return checkCloud(cloud, [], lookup).ready;
}

/** Credentials of every cloud with a node that is on (or `auto`), and ZeroTier's token. */
export function checkCredentials(plan: LabPlan, lookup: CredentialLookup): CredentialReport {
  const byCloud = new Map<CloudKind, PlannedNode[]>();
  for (const node of plan.nodes) {
    if (!node.enabled && node.enabledSetting !== "auto") continue;
    byCloud.set(node.cloud, [...(byCloud.get(node.cloud) ?? []), node]);
  }
  const enabledClouds = new Set(plan.nodes.filter((n) => n.enabled).map((n) => n.cloud));
  const clouds = [...byCloud].map(([cloud, nodes]) => {
    const checked = checkCloud(
      cloud,
      nodes.map((node) => node.name),
      lookup,
    );
    const enabledNodes = nodes.filter((node) => node.enabled);
    const required = nodeRequirements(cloud, enabledNodes).map((name) => ({
      name,
      present: isSet(lookup.env, name),
    }));
    const names = new Set(required.map((r) => r.name));
    return {
      ...checked,
      ready: checked.ready && required.every((r) => r.present),
      required,
      optional: checked.optional.filter((o) => !names.has(o.name)),
      skippedAuto: !enabledClouds.has(cloud),
    };
  });
  const zerotier = {
    token: isSet(lookup.env, ZEROTIER_TOKEN),
    url: isSet(lookup.env, ZEROTIER_URL),
  };
  const ready =
    zerotier.token && clouds.every((c) => c.ready || !c.supported || !enabledClouds.has(c.cloud));
  return { clouds, zerotier, ready };
}

/** The error listing every missing variable per enabled cloud, or undefined when all are there. */
export function missingCredentials(
  plan: LabPlan,
  report: CredentialReport,
): MissingCredentialsError | undefined {
  const enabled = new Set(plan.nodes.filter((n) => n.enabled).map((n) => n.cloud));
  const lines: string[] = [];
  const names: string[] = [];
  for (const cloud of report.clouds) {
    if (cloud.ready || !cloud.supported || !enabled.has(cloud.cloud)) continue;
    names.push(cloud.cloud);
    lines.push(`${cloud.cloud} (nodes: ${cloud.nodes.join(", ")}):`, ...describeMissing(cloud));
  }
  if (!report.zerotier.token) {
    names.push("zerotier");
    lines.push("zerotier:", `  set ${ZEROTIER_TOKEN}`);
  }
  if (names.length === 0) return undefined;
  return new MissingCredentialsError(
    `missing credentials for ${names.join(", ")}; nothing was run`,
    {
      code: "missing-credentials",
      details: lines,
      hint:
        "export the variables (values are never shown), or set enabled: false\n" +
        "  (or enabled: auto) on the nodes of a cloud you do not use; `ztlab doctor` lists them",
    },
  );
}

function describeMissing(cloud: CloudCredentials): string[] {
  const lines: string[] = [];
  const credentialsReady =
    cloud.groups.some((group) => group.missing.length === 0) || cloud.configFile?.present === true;
  if (!credentialsReady) {
    const options = cloud.groups.map((group) => `set ${group.missing.join(" and ")}`);
    if (cloud.configFile !== undefined) options.push(`create ${cloud.configFile.path}`);
    lines.push(...options.map((option, i) => `  ${i === 0 ? "" : "or "}${option}`));
  }
  const needed = cloud.required.filter((r) => !r.present).map((r) => r.name);
  if (needed.length > 0)
    lines.push(`  and set ${needed.join(" and ")} (nodes without compartment_id)`);
  return lines;
}

function checkCloud(
  cloud: CloudKind,
  nodes: string[],
  lookup: CredentialLookup,
): Omit<CloudCredentials, "skippedAuto" | "required"> {
  const spec = lookup.spec(cloud);
  if (spec === undefined) {
    return {
      cloud,
      nodes,
      supported: false,
      ready: false,
      groups: [],
      configFile: undefined,
      optional: [],
    };
  }
  const { env, fileExists = existsSync } = lookup;
  const groups = spec.anyOf.map((names) => ({
    names: [...names],
    missing: names.filter((name) => !isSet(env, name)),
  }));
  const configFile =
    spec.configFile === undefined
      ? undefined
      : { path: spec.configFile, present: fileExists(expandHome(spec.configFile, env)) };
  const ready = groups.some((group) => group.missing.length === 0) || configFile?.present === true;
  const optional = (spec.optional ?? []).map((name) => ({ name, present: isSet(env, name) }));
  return { cloud, nodes, supported: true, ready, groups, configFile, optional };
}

function isSet(env: Env, name: string): boolean {
  return (env[name] ?? "") !== "";
}

function expandHome(path: string, env: Env): string {
  return path.startsWith("~/") ? join(env.HOME ?? homedir(), path.slice(2)) : path;
}
