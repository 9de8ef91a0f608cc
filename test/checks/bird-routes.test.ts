// interpretOspfRoutes on what a real BIRD 2 prints: two routers in network namespaces joined by a
// veth pair (standing in for the ZeroTier interface), each exporting its container bridge.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interpretOspfRoutes, parseBirdRoutes, type RemoteResult } from "../../src/checks/index.js";

function unavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for network namespaces";
  if (!existsSync("/usr/sbin/bird") || !existsSync("/usr/sbin/birdc")) return "needs bird2";
  if (spawnSync("ip", ["netns", "list"]).status !== 0) return "needs iproute2 with netns";
  return undefined;
}

const skip = unavailable();
const tag = `${process.pid % 100_000}`;
const NODES = [
  { ns: `ztlb${tag}a`, veth: `zv${tag}a`, k: 1 },
  { ns: `ztlb${tag}b`, veth: `zv${tag}b`, k: 2 },
];

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: "pipe" });
}

function birdConfig(k: number): string {
  return [
    `router id 10.42.${k}.1;`,
    "protocol device { scan time 2; }",
    'protocol direct { ipv4; interface "br0"; }',
    "protocol ospf v2 lab {",
    "  ipv4 { import all; export where source = RTS_DEVICE; };",
    '  area 0 { interface "zv*" { type ptp; hello 1; dead 4; }; };',
    "}",
    "",
  ].join("\n");
}

describe.skipIf(skip !== undefined)(`interpretOspfRoutes on real bird output ${skip ?? ""}`, () => {
  let dir: string;
  let routes = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ztlab-bird-"));
    const [a, b] = NODES as [(typeof NODES)[0], (typeof NODES)[0]];
    ip("netns", "add", a.ns);
    ip("netns", "add", b.ns);
    ip("link", "add", a.veth, "type", "veth", "peer", "name", b.veth);
    for (const node of NODES) {
      ip("link", "set", node.veth, "netns", node.ns);
      ip("-n", node.ns, "addr", "add", `10.0.${node.k}.1/16`, "dev", node.veth);
      ip("-n", node.ns, "link", "set", node.veth, "up");
      ip("-n", node.ns, "link", "add", "br0", "type", "bridge");
      ip("-n", node.ns, "addr", "add", `10.42.${node.k}.1/24`, "dev", "br0");
      ip("-n", node.ns, "link", "set", "br0", "up");
      const conf = join(dir, `${node.ns}.conf`);
      await writeFile(conf, birdConfig(node.k));
      const socket = join(dir, `${node.ns}.ctl`);
      const pid = join(dir, `${node.ns}.pid`);
      execFileSync("ip", ["netns", "exec", node.ns, "bird", "-c", conf, "-s", socket, "-P", pid]);
    }
    const socket = join(dir, `${a.ns}.ctl`);
    for (let i = 0; i < 60 && !routes.includes("10.42.2.0/24"); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      routes = execFileSync("birdc", ["-s", socket, "show", "route"], { encoding: "utf8" });
    }
  }, 60_000);

  afterAll(async () => {
    for (const node of NODES) {
      const pidFile = join(dir, `${node.ns}.pid`);
      if (existsSync(pidFile)) {
        spawnSync("kill", [(await readFile(pidFile, "utf8")).trim()]);
      }
      spawnSync("ip", ["netns", "del", node.ns]);
    }
    await rm(dir, { recursive: true, force: true });
  });

  const ran = (): RemoteResult => ({
    exitCode: 0,
    stdout: routes,
    stderr: "",
    timedOut: false,
    durationMs: 5,
  });

  it("reads the peer's container network as an OSPF route", () => {
    const peer = parseBirdRoutes(routes).find((route) => route.prefix === "10.42.2.0/24");
    expect(peer).toEqual({ prefix: "10.42.2.0/24", protocol: "lab", ospfType: "E2" });
    const own = parseBirdRoutes(routes).find((route) => route.prefix === "10.42.1.0/24");
    expect(own).toMatchObject({ protocol: "direct1", ospfType: undefined });
  });

  it("passes for the peer that is there and names the one that is not", () => {
    expect(interpretOspfRoutes(ran(), [{ prefix: "10.42.2.0/24", node: "b" }])).toEqual({
      ok: true,
    });
    expect(
      interpretOspfRoutes(ran(), [
        { prefix: "10.42.2.0/24", node: "b" },
        { prefix: "10.42.3.0/24", node: "c" },
      ]),
    ).toEqual({ ok: false, reason: "no OSPF route to 10.42.3.0/24 (c)" });
  });
});
