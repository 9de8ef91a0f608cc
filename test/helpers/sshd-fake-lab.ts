// A simulated lab for the check tests: one loopback sshd per node (127.0.0.2, .3, ...), whose
// sessions find stand-in zerotier-cli/birdc/ping/curl/docker/tshark first on PATH, answering from
// per-node state files that a test can break one at a time.
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { memberAddressing } from "../../src/zerotier/index.js";
import { startSshdLab, type SshdLab } from "./sshd.js";

export const FAKE_NETWORK_ID = "8bd5124fd6f45ffe";
export const NINE_NODES = ["do", "aws", "gcp", "azu", "oci", "ibm", "vul", "ali", "hcl"];
const BIN_DIR = fileURLToPath(new URL("../fixtures/checks/bin", import.meta.url));

export interface FakeNode {
  name: string;
  index: number;
  address: string;
  nodeId: string;
  zerotierIp: string;
  fqdn: string;
  podCidr: string;
  containerIpv4: string;
  containerIpv6: string;
}

export interface FakeLab {
  sshd: SshdLab;
  nodes: FakeNode[];
  stateDir: string;
  /** A `terraform output -json` document for the lab. */
  outputsFile: string;
  /** A lab file (YAML) naming the same nodes, with the tap on the first node. */
  labFile: string;
  nodeDir: (name: string) => string;
  stop: () => Promise<void>;
}

export async function startFakeLab({
  names,
  delayS,
  flowMode = "off",
}: {
  names: readonly string[];
  delayS?: number;
  flowMode?: "off" | "tee" | "watch";
}): Promise<FakeLab> {
  const nodes = names.map(fakeNode);
  const sshdNodes = nodes.map(({ name, address }) => ({ name, address }));
  await ensureExecutable();
  const env: Record<string, string> = {};
  if (delayS !== undefined) env.FAKE_DELAY = String(delayS);
  // The state dir lives inside the sshd dir, so stopping the lab removes both.
  const sshd = await startSshdLabWithState(sshdNodes, env);
  const stateDir = join(sshd.dir, "state");
  await writeState(stateDir, nodes);
  if (flowMode !== "off") await writeFile(join(stateDir, "mirror"), "");
  const outputsFile = join(sshd.dir, "outputs.json");
  await writeFile(outputsFile, JSON.stringify(outputsDocument(nodes), null, 2));
  const labFile = join(sshd.dir, "ztlab.yaml");
  await writeFile(labFile, labYaml(nodes, flowMode));
  return {
    sshd,
    nodes,
    stateDir,
    outputsFile,
    labFile,
    nodeDir: (name) => join(stateDir, name),
    stop: () => sshd.stop(),
  };
}

async function startSshdLabWithState(
  nodes: { name: string; address: string }[],
  env: Record<string, string>,
): Promise<SshdLab> {
  return startSshdLab({
    nodes,
    binDir: BIN_DIR,
    env: (dir) => ({ ...env, FAKE_STATE: join(dir, "state") }),
  });
}

function fakeNode(name: string, i: number): FakeNode {
  const index = i + 1;
  const nodeId = `0a${index.toString(16).padStart(8, "0")}`;
  const sixplane = memberAddressing(FAKE_NETWORK_ID, nodeId).sixplanePrefix80.replace("::/80", "");
  return {
    name,
    index,
    address: `127.0.0.${index + 1}`,
    nodeId,
    zerotierIp: `10.0.${index}.1`,
    fqdn: `${name}.demo.lab`,
    podCidr: `10.42.${index}.0/24`,
    containerIpv4: `10.42.${index}.2`,
    containerIpv6: `${sixplane}:242:a2a:${index.toString(16)}02`,
  };
}

async function writeState(stateDir: string, nodes: readonly FakeNode[]): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const names = nodes.map((node) => `${node.fqdn} ${node.zerotierIp}`).join("\n");
  await writeFile(join(stateDir, "names"), `${names}\n`);
  for (const node of nodes) {
    const dir = join(stateDir, node.name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "listnetworks.json"), listNetworks(node));
    await writeFile(join(dir, "bird.txt"), birdRoutes(node, nodes));
    await writeFile(join(dir, "ip-addr.json"), containerAddresses(node));
    await writeFile(join(dir, "zt-ip"), `${node.zerotierIp}\n`);
  }
}

function listNetworks(node: FakeNode): string {
  const a = memberAddressing(FAKE_NETWORK_ID, node.nodeId);
  return JSON.stringify([
    {
      assignedAddresses: [a.rfc4193AsAssigned, a.sixplaneAsAssigned, `${node.zerotierIp}/16`],
      id: FAKE_NETWORK_ID,
      mac: a.mac,
      mtu: 2800,
      name: "demo.lab",
      nwid: FAKE_NETWORK_ID,
      portDeviceName: a.interfaceName,
      status: "OK",
      type: "PRIVATE",
    },
  ]);
}

function birdRoutes(self: FakeNode, nodes: readonly FakeNode[]): string {
  const lines = ["BIRD 2.0.12 ready.", "Table master4:"];
  for (const node of nodes) {
    if (node.name === self.name) {
      lines.push(
        `${node.podCidr.padEnd(20)} unicast [direct1 12:00:00.000] * (240)`,
        "\tdev docker0",
      );
    } else {
      lines.push(
        `${node.podCidr.padEnd(20)} unicast [ospf1 12:00:01.000] * I (150/20) [10.42.${node.index}.1]`,
        `\tvia ${node.zerotierIp} on ztyqb6mebi`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function containerAddresses(node: FakeNode): string {
  return JSON.stringify([
    {
      ifindex: 7,
      ifname: "eth0",
      address: `02:42:0a:2a:0${node.index}:02`,
      addr_info: [
        { family: "inet", local: node.containerIpv4, prefixlen: 24, scope: "global" },
        { family: "inet6", local: node.containerIpv6, prefixlen: 80, scope: "global" },
        { family: "inet6", local: "fe80::42:aff:fe2a:102", prefixlen: 64, scope: "link" },
      ],
    },
  ]);
}

function outputsDocument(nodes: readonly FakeNode[]) {
  const value = (v: unknown) => ({ sensitive: false, type: "object", value: v });
  return {
    networks: value({ demolab: FAKE_NETWORK_ID }),
    identities: value(Object.fromEntries(nodes.map((n) => [n.name, n.nodeId]))),
    nodes: value(
      Object.fromEntries(
        nodes.map((n) => [
          n.name,
          {
            public_ipv4: n.address,
            public_ipv6: null,
            zerotier_ip: n.zerotierIp,
            fqdn: n.fqdn,
            node_id: n.nodeId,
            cloud: "test",
            region: "loopback",
          },
        ]),
      ),
    ),
  };
}

function labYaml(nodes: readonly FakeNode[], flowMode: string): string {
  const instances = nodes
    .map((n) => `  ${n.name}:\n    cloud: hetzner\n    ip_assignment: ${n.zerotierIp}`)
    .join("\n");
  return [
    "network:",
    "  name: demo.lab",
    "  flow_rules:",
    `    mode: ${flowMode}`,
    `    tap: ${nodes[0]?.name ?? "do"}`,
    "users:",
    "  alice:",
    "    username: alice",
    "    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com",
    "instances:",
    instances,
    "",
  ].join("\n");
}

async function ensureExecutable(): Promise<void> {
  for (const file of await readdir(BIN_DIR)) await chmod(join(BIN_DIR, file), 0o755);
}

/** The flags that point ztlab's ssh at a fake lab: its outputs, user, port, key and known_hosts. */
export function fakeLabAccessArgs(fake: FakeLab): string[] {
  return [
    "--outputs",
    fake.outputsFile,
    "--user",
    fake.sshd.user,
    "--port",
    String(fake.sshd.port),
    "--identity",
    fake.sshd.identityFile,
    "--ssh-config",
    "none",
    "--known-hosts",
    join(fake.sshd.dir, "ztlab_known_hosts"),
  ];
}
