import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { renderBirdConfig } from "../../src/boot/index.js";
import { interfaceName } from "../../src/zerotier/index.js";
import { addNetns, canUseNetns, deleteNetns, ipIn, runId } from "../helpers/netns.js";
import { referencePlan } from "./reference-boot.js";

const NETWORK_ID = "8bd5124fd6f45ffe";
const hasBird = (await execa("bird", ["--version"], { reject: false })).exitCode === 0;
const canRun = hasBird && (await canUseNetns());

const namespaces: string[] = [];
const birds: ResultPromise[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  for (const bird of birds.splice(0)) {
    bird.kill("SIGTERM");
    await bird.catch(() => undefined);
  }
  await deleteNetns(namespaces.splice(0));
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("renderBirdConfig on a shared segment", () => {
  it.skipIf(!canRun)(
    "gives every node the other nodes' container routes within 60 s (needs root, ip netns, bird)",
    async () => {
      const plan = referencePlan();
      const nodes = plan.nodes.slice(0, 3);
      const id = runId();
      const hub = `ztlab-${id}-seg`;
      const dir = await mkdtemp(join(tmpdir(), "ztlab-bird-"));
      tempDirs.push(dir);
      const ztName = interfaceName(NETWORK_ID);
      expect(ztName).toBe("ztyqb6mebi");
      const prefix = plan.network.route.split("/")[1] ?? "16";

      namespaces.push(hub);
      await addNetns(hub);
      await ipIn(hub, "link", "add", "segment", "type", "bridge");
      await ipIn(hub, "link", "set", "segment", "up");

      for (const node of nodes) {
        const ns = `ztlab-${id}-${node.name}`;
        namespaces.push(ns);
        await addNetns(ns);
        const port = `port-${node.name}`;
        await ipIn(ns, "link", "add", ztName, "mtu", "2800", "type", "veth");
        await ipIn(ns, "link", "set", "veth0", "mtu", "2800", "name", port, "netns", hub);
        await ipIn(hub, "link", "set", port, "master", "segment", "up");
        await ipIn(ns, "addr", "add", `${node.ip}/${prefix}`, "dev", ztName);
        await ipIn(ns, "link", "set", ztName, "up");
        await ipIn(ns, "link", "add", "docker0", "type", "bridge");
        await ipIn(ns, "addr", "add", node.bridgeAddress, "dev", "docker0");
        await ipIn(ns, "link", "set", "docker0", "up");

        const config = join(dir, `${node.name}.conf`);
        await writeFile(config, renderBirdConfig({ plan, node }));
        const socket = join(dir, `${node.name}.ctl`);
        const pidFile = join(dir, `${node.name}.pid`);
        const bird = execa("ip", [
          "netns",
          "exec",
          ns,
          "bird",
          "-f",
          "-c",
          config,
          "-s",
          socket,
          "-P",
          pidFile,
        ]);
        birds.push(bird);
      }

      const missing = await waitForRoutes({ id, nodes, timeoutMs: 60_000 });
      expect(missing).toEqual([]);
    },
    90_000,
  );
});

interface RouteNode {
  name: string;
  podCidr: string;
}

/** Polls each namespace's routing table; returns what is still missing when time runs out. */
async function waitForRoutes({
  id,
  nodes,
  timeoutMs,
}: {
  id: string;
  nodes: readonly RouteNode[];
  timeoutMs: number;
}): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing: string[] = [];
    for (const node of nodes) {
      const routes = await ipIn(`ztlab-${id}-${node.name}`, "-4", "route", "show", "proto", "bird");
      for (const other of nodes) {
        if (other === node) continue;
        if (!routes.split("\n").some((line) => line.startsWith(`${other.podCidr} via `))) {
          missing.push(`${node.name} lacks ${other.podCidr}`);
        }
      }
    }
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
