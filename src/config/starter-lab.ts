import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError } from "../errors/index.js";

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

/** Writes the starter lab; refuses to overwrite anything. Returns the path written. */
export async function writeStarterLab({
  cwd,
  path,
}: {
  cwd: string;
  path: string;
}): Promise<string> {
  const target = resolve(cwd, path);
  let handle;
  try {
    handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new InputError(`${path} already exists; not overwriting it`, {
        code: "lab-file-exists",
        hint: "remove it first, or pass --output to write elsewhere",
      });
    }
    throw error;
  }
  try {
    await handle.writeFile(STARTER_LAB_YAML);
  } finally {
    await handle.close();
  }
  return target;
}
