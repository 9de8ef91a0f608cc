import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { link, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { EnvironmentError, InputError, type ZtlabError } from "../errors/index.js";
import { LAB_FILE_NAMES } from "./lab-source.js";

/** The starter lab `ztlab init` writes: the reference lab, commented. */
export const STARTER_LAB_YAML = `# ztlab lab file: one ZeroTier network, its users, devices and cloud nodes.
# \`ztlab plan\` shows what this resolves to; \`ztlab schema\` prints the JSON Schema.

network:
  name: demo.lab                  # network name and DNS domain: nodes are <node>.demo.lab
  description: ZeroTier Terraform Demolab
  route: 10.0.0.0/16              # managed route; node k gets 10.0.k.1 unless ip_assignment says otherwise
  assignment_pool:                # addresses ZeroTier hands to devices
    start: 10.0.0.1
    end: 10.0.0.254
  assign_ipv6:
    zerotier: true
    sixplane: true                # each node's containers get the node's 6PLANE /80
    rfc4193: true
  flow_rules:
    mode: off                     # off | tee (copy every frame) | watch (copy inbound frames)
    tap: do                       # node that receives copied frames
    drop_non_ip: false            # true drops frames that are not IPv4, ARP or IPv6

# People with an account, SSH key login and sudo on every node. Replace with your own keys.
users:
  alice:
    username: alice
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com
  bob:
    username: bob
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFUbMHLnHctahVLslguSikJr0z5hhHbEA03ZAZBmVe5 bob@example.com

# Existing ZeroTier devices (laptops, desktops) to authorize: their 10-hex node ids.
devices:
  laptop:
    member_id: a11c3411ce
    description: alice laptop
  workstation:
    member_id: b0bd0bb0bb
    description: bob's desktop

# One VM per entry. The cloud is inferred from the short keys (do aws gcp azu oci ibm vul ali
# hcl lin) or set with cloud:. Optional: region, zone, size, image, pod_cidr, router_id, dns.
# enabled: true | false | auto (auto = on when the cloud's credentials are present).
instances:
  do:
    description: DigitalOcean
    ip_assignment: 10.0.1.1
    enabled: true                 # the first enabled node runs zeronsd (DNS) unless dns: true is set
  aws:
    description: Amazon Web Services
    ip_assignment: 10.0.2.1
    enabled: true
  gcp:
    description: Google Compute Platform
    ip_assignment: 10.0.3.1
    enabled: true
  azu:
    description: Microsoft Azure
    ip_assignment: 10.0.4.1
    enabled: true
  oci:
    description: Oracle Cloud Infrastructure
    ip_assignment: 10.0.5.1
    enabled: true
  ibm:
    description: IBM Cloud
    ip_assignment: 10.0.6.1
    enabled: true
  vul:
    description: Vultr
    ip_assignment: 10.0.7.1
    enabled: true
  ali:
    description: Alibaba Cloud
    ip_assignment: 10.0.8.1
    enabled: true
  eqx:
    description: Equinix Metal    # retired on 2026-06-30: cannot be enabled; use hcl or lin
    ip_assignment: 10.0.9.1
    enabled: false
`;

/** The starter lab as the lab file at `path` is read: YAML, JSON or a `defineLab` module. */
export function starterLabText(path: string): string {
  const format = formatOf(path);
  if (format === "yaml") return STARTER_LAB_YAML;
  const json = JSON.stringify(parse(STARTER_LAB_YAML), null, 2);
  if (format === "json") return `${json}\n`;
  return [
    "// ztlab lab file; `ztlab plan` shows what it resolves to, `ztlab schema` the JSON Schema.",
    'import { defineLab } from "ztlab";',
    "",
    `export default defineLab(${json});`,
    "",
  ].join("\n");
}

/**
 * Writes the starter lab in the format the file name asks for; refuses to overwrite anything, to
 * create directories, or to add a second lab file beside one already there (lookup would fail).
 * The text is written to a temporary file and linked into place, so a failure leaves no partial
 * file. Returns the path written.
 */
export async function writeStarterLab({
  cwd,
  path,
}: {
  cwd: string;
  path: string;
}): Promise<string> {
  const target = resolve(cwd, path);
  const text = starterLabText(path);
  const dir = dirname(target);
  await checkDirectory(dir, cwd);
  if (existsSync(target)) throw exists(path);
  const name = basename(target);
  const other = LAB_FILE_NAMES.find((lab) => lab !== name && existsSync(join(dir, lab)));
  if (LAB_FILE_NAMES.includes(name) && other !== undefined) {
    throw new InputError(`a lab file is already here: ${shown(join(dir, other), cwd)}`, {
      code: "lab-file-exists",
      hint: "two lab files in one directory make every command fail; edit the one there",
    });
  }

  const temp = join(dir, `.${name}.ztlab-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temp, text, { flag: "wx", mode: 0o644 });
    // link() never replaces an existing file, unlike rename().
    await link(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && existsSync(target)) {
      throw exists(path);
    }
    throw unwritable(shown(target, cwd), error);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}

function formatOf(path: string): "yaml" | "json" | "ts" {
  const extension = extname(path).toLowerCase();
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  if (extension === ".json") return "json";
  if (extension === ".ts") return "ts";
  throw new InputError(`${path}: unknown lab file type "${extension}"`, {
    code: "lab-file-type",
    hint: "name it .yaml or .yml (commented YAML), .json, or .ts (defineLab)",
  });
}

async function checkDirectory(dir: string, cwd: string): Promise<void> {
  const stats = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw unwritable(shown(dir, cwd), error);
  });
  if (stats === undefined || !stats.isDirectory()) {
    throw new InputError(`${shown(dir, cwd)}: no such directory`, {
      code: "lab-dir-missing",
      hint: "create it first; ztlab init does not create directories",
    });
  }
}

function exists(path: string): InputError {
  return new InputError(`${path} already exists; not overwriting it`, {
    code: "lab-file-exists",
    hint: "remove it first, or pass --output to write elsewhere",
  });
}

// A full disk is the machine's fault (exit 1); a place the user chose that cannot be written is
// bad input (exit 2).
function unwritable(path: string, error: unknown): ZtlabError {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown";
  const options = { code: "lab-file-unwritable", cause: error };
  if (code === "ENOSPC" || code === "EDQUOT" || code === "EIO") {
    return new EnvironmentError(`${path}: cannot write the lab file (${code})`, {
      ...options,
      hint: "free space on that file system, then run again",
    });
  }
  return new InputError(`${path}: cannot write the lab file (${code})`, {
    ...options,
    hint: "choose a place you can write with --output",
  });
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}
