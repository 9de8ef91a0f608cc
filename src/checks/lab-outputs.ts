// The lab's Terraform outputs (`networks`, `identities`, `nodes`) as the checks need them, read
// from a `terraform output -json` document (a saved file, or what the engine runner returns).
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors/index.js";

export interface NodeOutput {
  publicIpv4: string | undefined;
  publicIpv6: string | undefined;
  zerotierIp: string | undefined;
  fqdn: string | undefined;
  nodeId: string | undefined;
  cloud: string | undefined;
  region: string | undefined;
}

export interface LabOutputs {
  /** The lab network's id (`networks.demolab`), when the lab is up. */
  networkId: string | undefined;
  identities: Record<string, string>;
  nodes: Record<string, NodeOutput>;
}

const text = z.string().nullish();
const nodeSchema = z.looseObject({
  public_ipv4: text,
  public_ipv6: text,
  zerotier_ip: text,
  fqdn: text,
  node_id: text,
  cloud: text,
  region: text,
});
const entry = <T extends z.ZodType>(value: T) => z.looseObject({ value }).optional();
const documentSchema = z.looseObject({
  networks: entry(z.record(z.string(), z.string())),
  identities: entry(z.record(z.string(), z.string())),
  nodes: entry(z.record(z.string(), nodeSchema)),
});

/** Reads a `terraform output -json` document; unknown outputs are ignored. */
export function parseLabOutputs(value: unknown, source: string): LabOutputs {
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${source}: not the lab's \`terraform output -json\` document`, {
      code: "invalid-outputs",
      details: [`${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`],
    });
  }
  const { networks, identities, nodes } = parsed.data;
  const nodeEntries = Object.entries(nodes?.value ?? {}).map(([name, node]) => [
    name,
    {
      publicIpv4: node.public_ipv4 ?? undefined,
      publicIpv6: node.public_ipv6 ?? undefined,
      zerotierIp: node.zerotier_ip ?? undefined,
      fqdn: node.fqdn ?? undefined,
      nodeId: node.node_id ?? identities?.value[name],
      cloud: node.cloud ?? undefined,
      region: node.region ?? undefined,
    },
  ]);
  return {
    networkId: networks?.value.demolab ?? Object.values(networks?.value ?? {})[0],
    identities: identities?.value ?? {},
    nodes: Object.fromEntries(nodeEntries) as Record<string, NodeOutput>,
  };
}

export async function readOutputsFile(path: string): Promise<LabOutputs> {
  let textValue: string;
  try {
    textValue = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`${path}: cannot read the outputs file`, {
      code: "outputs-unreadable",
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(textValue);
  } catch (error) {
    throw new InputError(`${path}: not JSON`, { code: "invalid-outputs", cause: error });
  }
  return parseLabOutputs(json, path);
}
