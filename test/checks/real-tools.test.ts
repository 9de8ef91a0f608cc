// The interpreters on output of the real tools, run here on loopback and in network namespaces
// this test creates: iputils ping, curl against a local HTTP server, and iproute2's `ip -j`.
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  interpretContainerAddresses,
  interpretHttpStatus,
  interpretPing,
  type RemoteResult,
} from "../../src/checks/index.js";
import { memberAddressing } from "../../src/zerotier/index.js";

function run(command: string, args: string[]): RemoteResult {
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
  return {
    exitCode: result.status ?? undefined,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    timedOut: result.error !== undefined,
    durationMs: Date.now() - started,
  };
}

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const isRoot = process.getuid?.() === 0;
const tag = `${process.pid % 100_000}`;
const NS_A = `ztrt${tag}a`;
const NS_B = `ztrt${tag}b`;

describe.skipIf(!has("curl"))("interpretHttpStatus on real curl (needs curl)", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === "/broken/" ? 502 : 200);
      res.end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
  });

  // Asynchronous, so the server in this same process can answer.
  const curl = async (url: string): Promise<RemoteResult> => {
    const args = ["-sS", "-o", "/dev/null", "-m", "5", "-w", "%{http_code}", url];
    const result = await execa("curl", args, { reject: false });
    return { ...result, exitCode: result.exitCode, timedOut: false, durationMs: 1 };
  };

  it("passes a 200", async () => {
    expect(interpretHttpStatus(await curl(`${base}/`))).toEqual({ ok: true });
  });

  it("fails a 502 with the status", async () => {
    expect(interpretHttpStatus(await curl(`${base}/broken/`))).toEqual({
      ok: false,
      reason: "HTTP 502, expected 200",
    });
  });

  it("fails a closed port as refused", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(interpretHttpStatus(await curl(`http://127.0.0.1:${port}/`))).toEqual({
      ok: false,
      reason: "connection refused or unreachable",
    });
  });
});

describe.skipIf(!isRoot || !has("ping") || !has("ip"))(
  "interpretPing and interpretContainerAddresses on real tools (needs root, ping, ip)",
  () => {
    beforeAll(() => {
      const ip = (...args: string[]) => spawnSync("ip", args, { stdio: "ignore" });
      ip("netns", "add", NS_A);
      ip("netns", "add", NS_B);
      ip("link", "add", `zr${tag}a`, "type", "veth", "peer", "name", `zr${tag}b`);
      ip("link", "set", `zr${tag}a`, "netns", NS_A);
      ip("link", "set", `zr${tag}b`, "netns", NS_B);
      ip("-n", NS_A, "addr", "add", "10.42.1.2/24", "dev", `zr${tag}a`);
      ip("-n", NS_B, "addr", "add", "10.42.1.3/24", "dev", `zr${tag}b`);
      const six = memberAddressing("8bd5124fd6f45ffe", "0123456789").sixplanePrefix80;
      const address = `${six.replace("::/80", "")}:242:a2a:102/80`;
      ip("-n", NS_A, "addr", "add", address, "dev", `zr${tag}a`, "nodad");
      for (const [ns, dev] of [
        [NS_A, `zr${tag}a`],
        [NS_B, `zr${tag}b`],
      ] as const) {
        ip("-n", ns, "link", "set", dev, "up");
        ip("-n", ns, "link", "set", "lo", "up");
      }
    });

    afterAll(() => {
      spawnSync("ip", ["netns", "del", NS_A]);
      spawnSync("ip", ["netns", "del", NS_B]);
    });

    const inA = (...args: string[]) => run("ip", ["netns", "exec", NS_A, ...args]);
    // /proc/sys/net belongs to the namespace of the process that reads or writes it.
    const ignoreEchoInB = (ignore: boolean) => {
      const write = `echo ${ignore ? 1 : 0} > /proc/sys/net/ipv4/icmp_echo_ignore_all`;
      spawnSync("ip", ["netns", "exec", NS_B, "sh", "-c", write]);
    };

    it("passes a ping that is answered", () => {
      expect(interpretPing(inA("ping", "-c", "1", "-W", "2", "10.42.1.3"))).toEqual({ ok: true });
    });

    it("fails a ping nobody answers as no reply", () => {
      ignoreEchoInB(true);
      try {
        const verdict = interpretPing(inA("ping", "-c", "1", "-W", "1", "10.42.1.3"));
        expect(verdict).toEqual({ ok: false, reason: "no reply" });
      } finally {
        ignoreEchoInB(false);
      }
    });

    it("fails a ping without a route", () => {
      expect(interpretPing(inA("ping", "-c", "1", "-W", "1", "192.0.2.1"))).toEqual({
        ok: false,
        reason: "no route to it",
      });
    });

    it("reads addresses from real `ip -j addr` output", () => {
      const result = inA("ip", "-j", "addr", "show", "dev", `zr${tag}a`);
      expect(
        interpretContainerAddresses(result, {
          ipv4Cidr: "10.42.1.0/24",
          sixplanePrefix80: "fc5d:214d:b101:2345:6789::/80",
        }),
      ).toEqual({
        ok: true,
        addresses: { ipv4: "10.42.1.2", ipv6: "fc5d:214d:b101:2345:6789:242:a2a:102" },
      });
    });
  },
);
