// Bad lab files: every one ends with exit 2, names the field and the rule, and writes nothing.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listDir, runCliIn } from "../helpers/run-cli.js";
import { PASTED_KEY_HEADER } from "../helpers/pasted-key.js";

const KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW a@example.com";
const HAS_SYNTH = existsSync(new URL("../../src/cli/commands/synth.ts", import.meta.url));

interface BadLab {
  name: string;
  file: "ztlab.yaml" | "ztlab.json";
  text: string;
  /** Lines stderr must contain, each a field path with its rule, or a position. */
  expected: (string | RegExp)[];
}

const BAD_LABS: BadLab[] = [
  {
    name: "malformed YAML",
    file: "ztlab.yaml",
    text: "instances:\n  do: {enabled: true\n  aws: {}\n",
    expected: [/ztlab\.yaml:\d+:\d+/, "malformed YAML"],
  },
  {
    name: "malformed JSON",
    file: "ztlab.json",
    text: '{\n  "instances": {\n    "do": {},\n  }\n}\n',
    expected: ["ztlab.json:4:3", "malformed JSON: property name expected"],
  },
  {
    name: "an unknown key",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    ip_adress: 10.0.1.1\n",
    expected: [
      'instances.do.ip_adress: unknown key; did you mean "ip_assignment"?',
      "ztlab.yaml:3:5",
    ],
  },
  {
    name: "an ssh_pubkey that is not a key",
    file: "ztlab.yaml",
    text: "users:\n  alice:\n    username: alice\n    ssh_pubkey: hunter2\n",
    expected: ["users.alice.ssh_pubkey: not an OpenSSH public key"],
  },
  {
    name: "an ssh_pubkey with authorized_keys options",
    file: "ztlab.yaml",
    text: `users:\n  alice:\n    username: alice\n    ssh_pubkey: 'from="10.0.0.1" ${KEY}'\n`,
    expected: [
      "users.alice.ssh_pubkey: authorized_keys options (from=, no-pty...) are not allowed here",
      "give the key alone",
    ],
  },
  {
    name: "a list as a mapping key",
    file: "ztlab.yaml",
    text: "? [a, b]: 1\n",
    expected: ["malformed YAML: a key that is a list or mapping", "ztlab.yaml:1:3"],
  },
  {
    name: "a pasted private key",
    file: "ztlab.json",
    text: JSON.stringify({
      users: {
        alice: { username: "alice", ssh_pubkey: `${PASTED_KEY_HEADER}\nb3Bl\n` },
      },
    }),
    expected: ["users.alice.ssh_pubkey: this is a private key"],
  },
  {
    name: "a member_id that is not 10 hex digits",
    file: "ztlab.yaml",
    text: "devices:\n  laptop:\n    member_id: a11c3411\n",
    expected: ['devices.laptop.member_id: "a11c3411" is not a ZeroTier node id'],
  },
  {
    name: "a reserved member id",
    file: "ztlab.yaml",
    text: "devices:\n  laptop:\n    member_id: ff11c3411c\n",
    expected: ['devices.laptop.member_id: "ff11c3411c" is a reserved ZeroTier address'],
  },
  {
    name: "a node key that is not a DNS label",
    file: "ztlab.yaml",
    text: "instances:\n  My_Node:\n    cloud: aws\n",
    expected: ['instances.My_Node: key "My_Node" is not a DNS label'],
  },
  {
    name: "an invalid username",
    file: "ztlab.yaml",
    text: `users:\n  alice:\n    username: Alice Smith\n    ssh_pubkey: ${KEY}\n`,
    expected: ['users.alice.username: "Alice Smith" is not a Linux user name'],
  },
  {
    name: "duplicate node IPs",
    file: "ztlab.yaml",
    text: "instances:\n  do: {}\n  aws:\n    ip_assignment: 10.0.1.1\n",
    expected: ["instances.aws.ip_assignment: 10.0.1.1 is already the address of instances.do"],
  },
  {
    name: "overlapping pod CIDRs",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    pod_cidr: 10.42.0.0/16\n  aws: {}\n",
    expected: ["instances.aws.pod_cidr: 10.42.2.0/24 overlaps instances.do.pod_cidr"],
  },
  {
    name: "a node IP inside the assignment pool",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    ip_assignment: 10.0.0.50\n",
    expected: [
      "instances.do.ip_assignment: 10.0.0.50 lies in the assignment pool 10.0.0.1-10.0.0.254",
    ],
  },
  {
    name: "duplicate router ids",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    router_id: 10.42.2.1\n  aws: {}\n",
    expected: ["instances.aws.router_id: 10.42.2.1 is already the OSPF router id of instances.do"],
  },
  {
    name: "an IP outside the route",
    file: "ztlab.yaml",
    text: "instances:\n  aws:\n    ip_assignment: 10.1.2.1\n",
    expected: [
      "instances.aws.ip_assignment: 10.1.2.1 is outside the route 10.0.0.0/16",
      "ztlab.yaml:3:20",
    ],
  },
  {
    name: "a pool that starts after it ends",
    file: "ztlab.yaml",
    text: "network:\n  assignment_pool:\n    start: 10.0.0.99\n    end: 10.0.0.9\n",
    expected: ["network.assignment_pool: start 10.0.0.99 is after end 10.0.0.9"],
  },
  {
    name: "a network name with a 70-character label",
    file: "ztlab.yaml",
    text: `network:\n  name: ${"x".repeat(70)}.lab\n`,
    expected: [/network\.name: "x+\.\.\." is a 70-character label/, "ztlab.yaml:2:9"],
  },
  {
    name: "a network name of 308 characters",
    file: "ztlab.yaml",
    text: `network:\n  name: ${Array(44).fill("abcdef").join(".")}x\n`,
    expected: [/network\.name: ".*" is 308 characters long/],
  },
  {
    name: "a network name that is a number",
    file: "ztlab.yaml",
    text: "network:\n  name: '123.456'\n",
    expected: ['network.name: "123.456" ends in an all-digit label'],
  },
  {
    name: "a pool spanning the whole /24 route",
    file: "ztlab.yaml",
    text: "network:\n  route: 10.0.0.0/24\n  assignment_pool: {start: 10.0.0.0, end: 10.0.0.255}\n",
    expected: [
      "network.assignment_pool.start: 10.0.0.0 is the network address of 10.0.0.0/24",
      "network.assignment_pool.end: 10.0.0.255 is the broadcast address of 10.0.0.0/24",
    ],
  },
  {
    name: "two DNS nodes",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    dns: true\n  aws:\n    dns: true\n",
    expected: ["instances.aws.dns: a second DNS node; instances.do.dns is already true"],
  },
  {
    name: "a disabled DNS node",
    file: "ztlab.yaml",
    text: "instances:\n  do:\n    dns: true\n    enabled: false\n  aws: {}\n",
    expected: ["instances.do.dns: the DNS node do is disabled"],
  },
  {
    name: "an unknown tap node",
    file: "ztlab.yaml",
    text: "network:\n  flow_rules:\n    mode: tee\n    tap: dns\ninstances:\n  do: {}\n",
    expected: ['network.flow_rules.tap: unknown node "dns"', "hint: enabled nodes: do"],
  },
  {
    name: "a disabled tap node",
    file: "ztlab.yaml",
    text: "network:\n  flow_rules:\n    mode: watch\n    tap: aws\ninstances:\n  do: {}\n  aws:\n    enabled: false\n",
    expected: ['network.flow_rules.tap: tap node "aws" is disabled'],
  },
  {
    name: "an unknown cloud",
    file: "ztlab.yaml",
    text: "instances:\n  web:\n    cloud: hetzner-cloud\n",
    expected: ['instances.web.cloud: unknown cloud "hetzner-cloud"', "supported: digitalocean"],
  },
  {
    name: "a node whose cloud cannot be inferred",
    file: "ztlab.yaml",
    text: "instances:\n  web: {}\n",
    expected: ["instances.web.cloud: is required"],
  },
  {
    name: "tee with no DNS node to default the tap to",
    file: "ztlab.yaml",
    text: "instances: {do: {dns: false}, aws: {dns: false}}\nnetwork: {flow_rules: {mode: tee}}\n",
    expected: [
      "network.flow_rules.tap: mode tee needs a tap node, and no DNS node is there to default to",
      "set network.flow_rules.tap to an enabled node: do, aws",
    ],
  },
  {
    name: "a YAML alias inside itself",
    file: "ztlab.yaml",
    text: "x: &a [*a]\n",
    expected: ["malformed YAML: x.0 refers back to itself (a cycle)"],
  },
  {
    name: "a YAML alias bomb",
    file: "ztlab.yaml",
    text: [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from({ length: 8 }, (_, i) => {
        const p = String.fromCharCode(97 + i);
        const n = String.fromCharCode(98 + i);
        return `${n}: &${n} [${Array(9).fill(`*${p}`).join(", ")}]`;
      }),
    ].join("\n"),
    expected: ["malformed YAML: Excessive alias count"],
  },
  {
    name: "JSON nested 100000 deep",
    file: "ztlab.json",
    text: `{"network": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    expected: ["malformed JSON: nested too deeply to read"],
  },
  {
    name: "eqx enabled",
    file: "ztlab.yaml",
    text: "instances:\n  eqx:\n    enabled: true\n",
    expected: [/instances\.eqx\.enabled: Equinix Metal shut down on 2026-06-30.*hetzner or linode/],
  },
  {
    name: "several problems at once",
    file: "ztlab.yaml",
    text: [
      "network:",
      "  nmae: lab",
      "  assignment_pool: { start: 10.0.0.99, end: 10.0.0.9 }",
      "devices:",
      "  laptop: { member_id: 12345 }",
      "instances:",
      "  do: { enabled: maybe }",
      "  aws: { ip_assignment: 10.0.1.1 }",
      "  eqx: {}",
      "",
    ].join("\n"),
    expected: [
      "error: 6 problems in ztlab.yaml",
      'ztlab.yaml:2:3: network.nmae: unknown key; did you mean "name"?',
      "ztlab.yaml:3:20: network.assignment_pool: start 10.0.0.99 is after end 10.0.0.9",
      'ztlab.yaml:5:24: devices.laptop.member_id: "12345" is not a ZeroTier node id',
      "ztlab.yaml:7:18: instances.do.enabled: must be true, false or auto",
      "ztlab.yaml:8:25: instances.aws.ip_assignment: 10.0.1.1 is already the address of instances.do",
      "ztlab.yaml:9:8: instances.eqx.enabled: Equinix Metal shut down",
    ],
  },
];

function expectAll(stderr: string, expected: (string | RegExp)[]): void {
  for (const item of expected) {
    if (typeof item === "string") expect(stderr).toContain(item);
    else expect(stderr).toMatch(item);
  }
}

describe("ztlab plan on a bad lab file", () => {
  it.each(BAD_LABS)("exits 2 and names the problem: $name", async ({ file, text, expected }) => {
    const run = await runCliIn(["plan"], { files: { [file]: text } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr.split("\n")[0]!.length).toBeLessThan(100);
    expectAll(run.stderr, expected);
    expect(await listDir(run.cwd)).toEqual([file]);
  });

  it.each(["constructor", "toString", "__proto__"])(
    "treats an instance named %s as a name, not an Object property",
    async (name) => {
      const run = await runCliIn(["plan"], {
        files: { "ztlab.yaml": `instances:\n  ${name}: {}\n` },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`instances\\.${name}(\\.cloud: is required|: key)`));
      expect(run.stderr).not.toMatch(/internal|TypeError/);
    },
  );

  it.each([
    [
      "a circular object",
      "const lab: Record<string, unknown> = { instances: {} };\nlab.self = lab;\nexport default lab;",
      "self refers back to itself (a cycle)",
    ],
    [
      "a BigInt",
      "export default { network: { name: 1n } };",
      "network.name is a BigInt; write a plain number",
    ],
    [
      "a throwing getter",
      'export default { get network() { throw new Error("boom"); } };',
      "network could not be read: boom",
    ],
  ])("exits 2 for a typed lab file with %s", async (_name, code, message) => {
    const run = await runCliIn(["plan"], { files: { "ztlab.config.ts": code } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/internal|    at /);
  });

  it("prints the problems as JSON on stdout under --json", async () => {
    const text = "instances:\n  aws:\n    ip_assignment: 10.1.2.1\n  eqx: {}\n";
    const run = await runCliIn(["--json", "plan"], { files: { "ztlab.yaml": text } });
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; problems: unknown[] } };
    expect(error.code).toBe("invalid-lab");
    expect(error.problems).toEqual([
      expect.objectContaining({ path: "instances.aws.ip_assignment", line: 3, column: 20 }),
      expect.objectContaining({ path: "instances.eqx.enabled", line: 4, column: 8 }),
    ]);
  });
});

describe.skipIf(!HAS_SYNTH)("ztlab synth on a bad lab file", () => {
  it.each(BAD_LABS)("exits 2 and writes nothing: $name", async ({ file, text, expected }) => {
    const run = await runCliIn(["synth", "--out", "out"], { files: { [file]: text } });
    expect(run.code).toBe(2);
    expectAll(run.stderr, expected);
    expect(await listDir(run.cwd)).toEqual([file]);
  });
});
