import { describe, expect, it } from "vitest";
import { BUILTIN_LAB_NOTICE } from "../../src/cli/lab-loading.js";
import { listDir, runCliIn } from "../helpers/run-cli.js";

interface PlanJson {
  dns_node: string | null;
  nodes: {
    name: string;
    cloud: string;
    enabled: boolean;
    ip: string;
    pod_cidr: string;
    router_id: string;
    fqdn: string;
    roles: string[];
  }[];
  devices: { name: string; member_id: string }[];
  users: { username: string; ssh_pubkey: string }[];
}

const NAMES = ["do", "aws", "gcp", "azu", "oci", "ibm", "vul", "ali", "eqx"];

describe("ztlab plan", () => {
  it("prints the reference lab as a table and says on stderr that it is built in", async () => {
    const run = await runCliIn(["plan"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${BUILTIN_LAB_NOTICE}\n`);
    const lines = run.stdout.split("\n");
    const header = lines.find((line) => line.startsWith("NODE"));
    expect(header?.split(/\s{2,}/)).toEqual([
      "NODE",
      "CLOUD",
      "REGION",
      "SIZE",
      "ENABLED",
      "ZEROTIER IP",
      "CONTAINERS",
      "ROUTER ID",
      "DNS NAME",
      "ROLE",
    ]);
    NAMES.forEach((name, i) => {
      const k = i + 1;
      const row = lines.find((line) => line.startsWith(`${name} `));
      expect(row).toContain(`10.0.${k}.1 `);
      expect(row).toContain(`10.42.${k}.0/24`);
      expect(row).toContain(`${name}.demo.lab`);
    });
    expect(lines.find((line) => line.startsWith("eqx "))).toMatch(/equinix .* no /);
    expect(lines.find((line) => line.startsWith("do "))).toMatch(/dns,tap$/);
    expect(run.stdout).toMatch(/^laptop\s+a11c3411ce\s+laptop\.demo\.lab/m);
    expect(run.stdout).toMatch(/^alice\s+ssh-ed25519 alice@example\.com$/m);
    expect(await listDir(run.cwd)).toEqual([]);
  });

  it("prints one JSON document with the nodes in lab-file order under --json", async () => {
    const run = await runCliIn(["plan", "--json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.nodes.map((node) => node.name)).toEqual(NAMES);
    expect(plan.nodes[0]).toEqual(
      expect.objectContaining({
        name: "do",
        cloud: "digitalocean",
        enabled: true,
        ip: "10.0.1.1",
        pod_cidr: "10.42.1.0/24",
        router_id: "10.42.1.1",
        fqdn: "do.demo.lab",
        roles: ["dns", "tap"],
      }),
    );
    expect(plan.nodes[8]).toEqual(
      expect.objectContaining({ name: "eqx", cloud: "equinix", enabled: false, ip: "10.0.9.1" }),
    );
    expect(plan.dns_node).toBe("do");
    expect(plan.devices.map((device) => device.member_id)).toEqual(["a11c3411ce", "b0bd0bb0bb"]);
    expect(plan.users.map((user) => user.username)).toEqual(["alice", "bob"]);
  });

  it("uses snake_case keys throughout --json and gives the full ssh_pubkey", async () => {
    const run = await runCliIn(["plan", "--json"]);
    const plan = JSON.parse(run.stdout) as PlanJson & Record<string, unknown>;
    const keys: string[] = [];
    collectKeys(plan, keys);
    expect(keys.filter((key) => !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(key))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining(["dns_node", "flow_rules", "assign_ipv6", "enabled_setting"]),
    );
    expect(plan["network"]).toMatchObject({
      assignment_pool: { start: "10.0.0.1", end: "10.0.0.254" },
      multicast_limit: 32,
      flow_rules: { mode: expect.any(String), drop_non_ip: expect.any(Boolean) },
    });
    const [alice] = plan.users;
    expect(alice?.ssh_pubkey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/]{64} alice@example\.com$/);
  });

  it("reads ztlab.yaml from the working directory and keeps its order", async () => {
    const text = "network:\n  name: my.lab\ninstances:\n  vul: {}\n  aws:\n    enabled: false\n";
    const run = await runCliIn(["plan", "--json"], { files: { "ztlab.yaml": text } });
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.nodes.map((node) => [node.name, node.enabled, node.ip, node.fqdn])).toEqual([
      ["vul", true, "10.0.1.1", "vul.my.lab"],
      ["aws", false, "10.0.2.1", "aws.my.lab"],
    ]);
  });

  it("reads the lab file named by --config", async () => {
    const files = { "labs/one.json": JSON.stringify({ instances: { lin: {} } }) };
    const run = await runCliIn(["--config", "labs/one.json", "plan", "--json"], { files });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as PlanJson).nodes.map((node) => node.cloud)).toEqual([
      "linode",
    ]);
  });

  it("reads a typed ztlab.config.ts", async () => {
    const text = [
      'import { defineLab } from "ztlab";',
      "export default defineLab({ instances: { hcl: { dns: true } } });",
      "",
    ].join("\n");
    const run = await runCliIn(["plan", "--json"], { files: { "ztlab.config.ts": text } });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as PlanJson).nodes[0]).toMatchObject({
      name: "hcl",
      cloud: "hetzner",
      roles: ["dns", "tap"],
    });
  });

  it("exits 2 when --config names a missing file", async () => {
    const run = await runCliIn(["plan", "--config", "nope.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: --config: nope.yaml does not exist\n");
  });

  it("keeps the built-in notice off stderr under --quiet", async () => {
    const run = await runCliIn(["-q", "plan"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });
});

function collectKeys(value: unknown, into: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => collectKeys(item, into));
  else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      into.push(key);
      collectKeys(inner, into);
    }
  }
}
