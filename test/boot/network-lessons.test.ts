// Field lessons for Docker, forwarding, addressing, DNS and routing, on the rendered script.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  OSPF_INTERFACE_PATTERN,
  ZERONSD_IMAGE,
  renderBirdConfig,
  renderFirewallScript,
  renderZtDnsScript,
} from "../../src/boot/index.js";
import { memberAddressing } from "../../src/zerotier/index.js";
import { addNetns, canUseNetns, deleteNetns, runId } from "../helpers/netns.js";
import { BOOT_VALUES, planNode, referencePlan, referenceScriptText } from "./reference-boot.js";
import {
  createSandbox,
  scriptHelpers,
  scriptSection,
  type ScriptSandbox,
} from "./script-runner.js";

const hasIptables = (await execa("iptables", ["-V"], { reject: false })).exitCode === 0;
const canRunFirewall = hasIptables && (await canUseNetns());
const dnsText = referenceScriptText("do");
const plainText = referenceScriptText("aws");
let box: ScriptSandbox;
const namespaces: string[] = [];

beforeEach(async () => {
  box = await createSandbox();
});

afterEach(async () => {
  await box.remove();
  await deleteNetns(namespaces.splice(0));
});

async function iptablesIn(ns: string, tool: string, ...args: string[]): Promise<string> {
  return (await execa("ip", ["netns", "exec", ns, tool, "-w", ...args])).stdout;
}

describe("host firewall", () => {
  it("inserts rules and never appends them", () => {
    const script = renderFirewallScript();
    expect(script).toMatch(/"\$tool" -w -I "\$chain" 1 "\$@"/);
    expect(script).not.toMatch(/ -A /);
  });

  it.skipIf(!canRunFirewall)(
    "opens ports ahead of a final REJECT and adds nothing when run again (needs root, iptables)",
    async () => {
      const ns = `ztlab-${runId()}-fw`;
      namespaces.push(ns);
      await addNetns(ns);
      for (const tool of ["iptables", "ip6tables"]) {
        await iptablesIn(ns, tool, "-A", "INPUT", "-j", "REJECT");
        await iptablesIn(ns, tool, "-N", "DOCKER-USER");
        await iptablesIn(ns, tool, "-A", "DOCKER-USER", "-j", "RETURN");
      }
      const path = join(box.dir, "ztlab-firewall");
      await writeFile(path, renderFirewallScript());
      await execa("ip", ["netns", "exec", ns, "bash", path]);
      const first = await iptablesIn(ns, "iptables", "-S");
      await execa("ip", ["netns", "exec", ns, "bash", path]);
      expect(await iptablesIn(ns, "iptables", "-S")).toBe(first);

      const input = first.split("\n").filter((line) => line.startsWith("-A INPUT"));
      expect(input.at(-1)).toBe("-A INPUT -j REJECT --reject-with icmp-port-unreachable");
      expect(input).toContain("-A INPUT -p udp -m multiport --dports 53,9993 -j ACCEPT");
      expect(input).toContain("-A INPUT -p tcp -m multiport --dports 22,53,80,443 -j ACCEPT");
      expect(input).toContain("-A INPUT -p ospf -j ACCEPT");
      const forward = first.split("\n").filter((line) => line.startsWith("-A DOCKER-USER"));
      expect(forward).toEqual([
        "-A DOCKER-USER -d 169.254.169.254/32 -j DROP",
        "-A DOCKER-USER -i zt+ -o docker0 -j ACCEPT",
        "-A DOCKER-USER -i docker0 -o zt+ -j ACCEPT",
        "-A DOCKER-USER -j RETURN",
      ]);
      const six = await iptablesIn(ns, "ip6tables", "-S", "INPUT");
      expect(six.split("\n").at(-1)).toMatch(/^-A INPUT -j REJECT/);
      expect(six).toContain("-A INPUT -p ipv6-icmp -j ACCEPT");
    },
    30_000,
  );

  it("persists the openings with a unit enabled at boot", () => {
    const unit = scriptSection(
      plainText,
      "put_file 0644 /etc/systemd/system/ztlab-firewall.service",
      "ZTLAB_EOF",
    );
    expect(unit).toContain("ExecStart=/usr/local/sbin/ztlab-firewall");
    expect(unit).toContain("WantedBy=multi-user.target");
    expect(plainText).toContain("systemctl enable ztlab-firewall.service");
  });
});

describe("container forwarding", () => {
  it("re-applies the DOCKER-USER rules on every Docker start", () => {
    const dropIn = "/etc/systemd/system/docker.service.d/ztlab-firewall.conf";
    const unit = scriptSection(plainText, `put_file 0644 ${dropIn}`, "ZTLAB_EOF");
    expect(unit).toContain("ExecStartPost=/usr/local/sbin/ztlab-firewall");
    expect(plainText.indexOf(dropIn)).toBeLessThan(
      plainText.indexOf("apt-get -q install docker.io"),
    );
  });

  it("keeps containers away from the cloud metadata service", () => {
    expect(renderFirewallScript()).toContain("open_forwarding iptables 169.254.169.254/32");
    expect(renderFirewallScript()).toContain('-d "$metadata" -j DROP');
  });

  it("turns on IPv4 and IPv6 forwarding persistently", () => {
    const sysctl = scriptSection(
      plainText,
      "put_file 0644 /etc/sysctl.d/90-ztlab-forwarding.conf",
      "ZTLAB_EOF",
    );
    expect(sysctl).toContain("net.ipv4.ip_forward = 1");
    expect(sysctl).toContain("net.ipv6.conf.all.forwarding = 1");
  });
});

describe("Docker daemon.json", () => {
  it("holds the bridge, the CIDR and the node's 6PLANE /80, before Docker is installed", async () => {
    const section = scriptSection(plainText, "ZT_SIXPLANE_PREFIX80=$(", "ZTLAB_EOF");
    const snippet = [
      scriptHelpers(plainText),
      "ZT_NETWORK_ID=0000000000000001 ZT_NODE_ID=0000012345",
      section.replace("put_file 0644 /etc/docker/daemon.json", "cat"),
    ].join("\n");
    const run = await box.run(snippet);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      bip: "10.42.2.1/24",
      "fixed-cidr": "10.42.2.0/24",
      "fixed-cidr-v6": "fc00:0:100:1:2345::/80",
      ipv6: true,
    });
    const written = plainText.indexOf("/etc/docker/daemon.json <<");
    expect(written).toBeLessThan(plainText.indexOf("apt-get -q install docker.io"));
  });
});

describe("6PLANE /80 on the node", () => {
  it("matches sixplanePrefix80 of every reference vector, leading zeros kept", async () => {
    const url = new URL("../fixtures/zerotier/addressing-vectors.json", import.meta.url);
    const data = JSON.parse(await readFile(url, "utf8")) as {
      vectors: { networkId: string; nodeId: string; sixplanePrefix80: string }[];
    };
    const calls = data.vectors.map((v) => `sixplane_prefix80 ${v.networkId} ${v.nodeId}`);
    const run = await box.run([scriptHelpers(plainText), ...calls].join("\n"));
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split("\n")).toEqual(data.vectors.map((v) => v.sixplanePrefix80));
  });

  it("agrees with the zerotier layer on random ids, zero-heavy ones included", async () => {
    const hex = (length: number) =>
      fc
        .array(fc.constantFrom("0", "0", "0", "1", "a", "f"), {
          minLength: length,
          maxLength: length,
        })
        .map((digits) => digits.join(""));
    const pairs = fc.sample(fc.tuple(hex(16), hex(10)), { numRuns: 60, seed: 9993 });
    const calls = pairs.map(([nwid, node]) => `sixplane_prefix80 ${nwid} ${node}`);
    const run = await box.run([scriptHelpers(plainText), ...calls].join("\n"));
    const expected = pairs.map(([nwid, node]) => memberAddressing(nwid, node).sixplanePrefix80);
    expect(run.stdout.split("\n")).toEqual(expected);
  });

  it("rejects ids that are not full-width hex", async () => {
    const run = await box.run(
      `${scriptHelpers(plainText)}\nsixplane_prefix80 12345 0123456789 || echo refused`,
    );
    expect(run.stdout).toBe("refused");
  });
});

describe("DNS through systemd-resolved", () => {
  it("gives each ZeroTier interface its network's servers as a routing domain", async () => {
    const networks = [
      {
        portDeviceName: "lo",
        dns: { domain: "demo.lab", servers: ["10.0.1.1", "fc5d:214d:b18e::1"] },
      },
      { portDeviceName: "lo", dns: { domain: "", servers: [] } },
    ];
    const log = join(box.dir, "resolvectl.log");
    await box.stub("zerotier-cli", `echo '${JSON.stringify(networks)}'`);
    await box.stub("resolvectl", `echo "$*" >> '${log}'`);
    const path = join(box.dir, "ztlab-zt-dns");
    await writeFile(path, renderZtDnsScript());
    const run = await box.run(`bash ${path}`);
    expect(run.exitCode).toBe(0);
    expect((await readFile(log, "utf8")).split("\n")).toEqual([
      "dns lo 10.0.1.1 fc5d:214d:b18e::1",
      "domain lo ~demo.lab",
      "dnssec lo no",
      "",
    ]);
  });

  it("re-applies the settings on a timer enabled at boot", () => {
    expect(plainText).toContain(
      "systemctl enable --now systemd-resolved.service ztlab-zt-dns.timer",
    );
    expect(plainText).toContain("OnUnitActiveSec=30s");
  });
});

describe("zeronsd", () => {
  it("runs only on the DNS node", () => {
    expect(dnsText).toContain(ZERONSD_IMAGE);
    const plan = referencePlan();
    for (const node of plan.nodes.filter((candidate) => candidate.name !== plan.dnsNode)) {
      const text = referenceScriptText(node.name);
      expect(text).not.toContain("zeronsd");
      expect(text).not.toContain(BOOT_VALUES["central-token"]);
    }
  });

  it("runs the image with host networking, read-only secrets and restart always", () => {
    const run = scriptSection(dnsText, "  docker run --detach --name zeronsd", "    --domain");
    expect(run).toContain("--restart always --network host");
    expect(run).toContain("/var/lib/zerotier-one/authtoken.secret:/authtoken.secret:ro");
    expect(run).toContain("/etc/zeronsd/central.token:/central.token:ro");
    expect(run).toContain("--domain 'demo.lab'");
    expect(dnsText).toContain("put_file 0600 /etc/zeronsd/central.token");
  });

  it("starts after Docker is running", () => {
    expect(dnsText.indexOf("docker run --detach --name zeronsd")).toBeGreaterThan(
      dnsText.indexOf("systemctl start docker.service"),
    );
  });
});

describe("OSPF", () => {
  it("runs only on ZeroTier interfaces and announces only the container CIDR", () => {
    const plan = referencePlan();
    const config = renderBirdConfig({ plan, node: planNode(plan, "gcp") });
    const interfaces = [...config.matchAll(/interface "([^"]+)"/g)].map((match) => match[1]);
    expect(interfaces).toEqual(["docker0", OSPF_INTERFACE_PATTERN]);
    expect(OSPF_INTERFACE_PATTERN).toBe("zt*");
    expect(config).toContain('export where proto = "containers" && net = 10.42.3.0/24;');
    expect(config).toContain("router id 10.42.3.1;");
  });

  it("embeds the same bird.conf in the boot script", () => {
    const plan = referencePlan();
    const config = renderBirdConfig({ plan, node: planNode(plan, "aws") });
    expect(plainText).toContain(
      `put_file 0640 /etc/bird/bird.conf <<'ZTLAB_EOF'\n${config}ZTLAB_EOF\n`,
    );
    expect(plainText).toContain("apt-get -q install bird2\n");
  });
});
