// The lab's Terraform outputs (`networks`, `identities`, `nodes`) as the checks need them, read
// from a `terraform output -json` document (a saved file, or what the engine runner returns).
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { z } from "zod";
import { InputError, ValidationError, type ValidationProblem } from "../errors/index.js";
import { isNetworkId, isNodeId } from "../zerotier/index.js";

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
  const problems = findUnsafeValues(parsed.data, source);
  if (problems.length > 0) {
    throw new ValidationError(problems, { code: "invalid-outputs" });
  }
  const nodeEntries = Object.entries(nodes?.value ?? {}).map(([name, node]) => [
    name,
    {
      publicIpv4: present(node.public_ipv4),
      publicIpv6: present(node.public_ipv6),
      zerotierIp: present(node.zerotier_ip),
      fqdn: present(node.fqdn),
      nodeId: present(node.node_id) ?? identities?.value[name],
      cloud: present(node.cloud),
      region: present(node.region),
    },
  ]);
  return {
    networkId: networks?.value.demolab ?? Object.values(networks?.value ?? {})[0],
    identities: identities?.value ?? {},
    nodes: Object.fromEntries(nodeEntries) as Record<string, NodeOutput>,
  };
}

// Output values end up on ssh command lines, in ssh_config text and in shell commands on the
// nodes, so each must have exactly the form it claims: a value like `-oProxyCommand=...` or one
// holding a newline is refused here, before anything runs.
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

type Check = { test: (value: string) => boolean; what: string };
const IP_ADDRESS: Check = { test: (value) => isIP(value) !== 0, what: "an IP address" };
const NODE_ID: Check = { test: isNodeId, what: "a ZeroTier node id (10 hex digits)" };
const NETWORK_ID: Check = { test: isNetworkId, what: "a ZeroTier network id (16 hex digits)" };
const NAME: Check = { test: (value) => DNS_LABEL.test(value), what: "a DNS label" };
const FIELD_CHECKS: Record<string, Check> = {
  public_ipv4: IP_ADDRESS,
  public_ipv6: IP_ADDRESS,
  zerotier_ip: IP_ADDRESS,
  node_id: NODE_ID,
  fqdn: { test: (value) => HOSTNAME.test(value), what: "a DNS name" },
};

function findUnsafeValues(
  data: z.infer<typeof documentSchema>,
  source: string,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const check = (path: string, value: string, { test, what }: Check) => {
    if (!test(value)) {
      problems.push({
        path: `${source}: ${path}`,
        message: `${JSON.stringify(value)} is not ${what}`,
      });
    }
  };
  for (const [name, id] of Object.entries(data.networks?.value ?? {})) {
    check("output networks: network name", name, NAME);
    check(`output networks, network ${safeName(name)}`, id, NETWORK_ID);
  }
  for (const [name, id] of Object.entries(data.identities?.value ?? {})) {
    check("output identities: node name", name, NAME);
    check(`output identities, node ${safeName(name)}`, id, NODE_ID);
  }
  for (const [name, node] of Object.entries(data.nodes?.value ?? {})) {
    check("output nodes: node name", name, NAME);
    for (const [field, rule] of Object.entries(FIELD_CHECKS)) {
      const value = node[field];
      if (typeof value === "string" && value !== "") {
        check(`output nodes, node ${safeName(name)}, ${field}`, value, rule);
      }
    }
  }
  return problems;
}

// An empty string (e.g. no IPv6 on that cloud) reads as absent.
function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

// A name that failed its own check is shown quoted, so it cannot break the message's line.
function safeName(name: string): string {
  return DNS_LABEL.test(name) ? name : JSON.stringify(name);
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
