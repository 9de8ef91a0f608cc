/** Every cloud a lab file may name. `equinix` is kept so pasted original labs still parse. */
export const CLOUD_KINDS = [
  "digitalocean",
  "aws",
  "gcp",
  "azure",
  "oci",
  "ibm",
  "vultr",
  "alibaba",
  "equinix",
  "hetzner",
  "linode",
] as const;

export type CloudKind = (typeof CLOUD_KINDS)[number];

/** The original walkthrough's instance keys, and the cloud each one stands for. */
export const SHORT_KEY_CLOUDS: Readonly<Record<string, CloudKind>> = {
  do: "digitalocean",
  aws: "aws",
  gcp: "gcp",
  azu: "azure",
  oci: "oci",
  ibm: "ibm",
  vul: "vultr",
  ali: "alibaba",
  eqx: "equinix",
  hcl: "hetzner",
  lin: "linode",
};

/** Clouds that cannot be enabled, with the reason shown to the user. */
export const RETIRED_CLOUDS: Readonly<Partial<Record<CloudKind, string>>> = {
  equinix: "Equinix Metal shut down on 2026-06-30; use hetzner or linode",
};

export function isCloudKind(value: string): value is CloudKind {
  return (CLOUD_KINDS as readonly string[]).includes(value);
}

/** The cloud an instance runs on: its `cloud:` field, else inferred from its key. */
export function inferCloud(key: string, explicit: CloudKind | undefined): CloudKind | undefined {
  // Keys come from the user: `constructor` must not find Object.prototype's.
  return explicit ?? (Object.hasOwn(SHORT_KEY_CLOUDS, key) ? SHORT_KEY_CLOUDS[key] : undefined);
}
