import { describe, expect, it } from "vitest";
import {
  buildCheckLab,
  CheckMatrix,
  mapLimit,
  parseLabOutputs,
  selectChecks,
  shellQuote,
  withRemoteTimeout,
  type ContainerAddresses,
} from "../../src/checks/index.js";
import { containerPingSteps, perNodeSteps } from "../../src/checks/check-steps.js";
import { validateLab } from "../../src/config/index.js";
import { resolvePlan } from "../../src/plan/index.js";

const NWID = "8bd5124fd6f45ffe";

function labPlan() {
  return resolvePlan(
    validateLab(
      {
        network: { name: "demo.lab", flow_rules: { mode: "watch", tap: "aws" } },
        instances: { do: {}, aws: {}, gcp: {}, oci: { enabled: false } },
      },
      { source: "test" },
    ),
  );
}

const OUTPUTS = {
  networks: { sensitive: false, value: { demolab: NWID } },
  identities: { sensitive: false, value: { do: "0a00000001", aws: "0a00000002" } },
  nodes: {
    sensitive: false,
    value: {
      do: { public_ipv4: "203.0.113.1", public_ipv6: null, zerotier_ip: "10.0.1.1" },
      aws: { public_ipv4: null, public_ipv6: "2001:db8::2", fqdn: "aws.demo.lab" },
    },
  },
};

describe("parseLabOutputs", () => {
  it("reads networks, identities and nodes of `terraform output -json`", () => {
    const outputs = parseLabOutputs(OUTPUTS, "test");
    expect(outputs.networkId).toBe(NWID);
    expect(outputs.identities).toEqual({ do: "0a00000001", aws: "0a00000002" });
    expect(outputs.nodes.do).toMatchObject({ publicIpv4: "203.0.113.1", nodeId: "0a00000001" });
    expect(outputs.nodes.aws).toMatchObject({ publicIpv4: undefined, publicIpv6: "2001:db8::2" });
  });

  it("accepts a lab that is not up yet (no outputs at all)", () => {
    expect(parseLabOutputs({}, "test")).toEqual({
      networkId: undefined,
      identities: {},
      nodes: {},
    });
  });

  it("rejects a document of another shape naming the source", () => {
    expect(() => parseLabOutputs({ nodes: { value: "x" } }, "out.json")).toThrow(
      expect.objectContaining({
        code: "invalid-outputs",
        message: "out.json: not the lab's `terraform output -json` document",
      }),
    );
  });
});

describe("parseLabOutputs on unsafe values", () => {
  const withNodes = (nodes: Record<string, Record<string, string>>) => ({
    networks: { value: { demolab: NWID } },
    nodes: { value: nodes },
  });

  it("refuses a public address that is not an IP, naming the output and node (exit 2)", () => {
    const document = withNodes({ aws: { public_ipv4: "-oProxyCommand=touch /tmp/x" } });
    expect(() => parseLabOutputs(document, "evil.json")).toThrow(
      expect.objectContaining({
        code: "invalid-outputs",
        exitCode: 2,
        message:
          'evil.json: output nodes, node aws, public_ipv4: "-oProxyCommand=touch /tmp/x" is not an IP address',
      }),
    );
  });

  it("refuses a value with a newline and reports every bad value together", () => {
    const document = withNodes({
      aws: { public_ipv4: "-oProxyCommand=x" },
      do: { public_ipv4: "203.0.113.5\n  ProxyCommand x", public_ipv6: "::1 x" },
    });
    let error: unknown;
    try {
      parseLabOutputs(document, "evil.json");
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "invalid-outputs" });
    const problems = (error as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(problems).toEqual([
      "evil.json: output nodes, node aws, public_ipv4",
      "evil.json: output nodes, node do, public_ipv4",
      "evil.json: output nodes, node do, public_ipv6",
    ]);
    expect(String((error as Error).message)).not.toContain("\n  ProxyCommand");
  });

  it("refuses bad ids and node names", () => {
    const bad = (document: unknown) => () => parseLabOutputs(document, "o.json");
    const network = { networks: { value: { demolab: "8056c2e21c00000" } } };
    expect(bad(network)).toThrow(/network demolab: "8056c2e21c00000" is not a ZeroTier network id/);
    const identity = { identities: { value: { aws: "zz" } } };
    expect(bad(identity)).toThrow(/identities, node aws: "zz" is not a ZeroTier node id/);
    expect(bad(withNodes({ "a b": { public_ipv4: "10.0.0.1" } }))).toThrow(
      /node name: "a b" is not a DNS label/,
    );
    expect(bad(withNodes({ aws: { node_id: "-x" } }))).toThrow(/node_id: "-x"/);
    expect(bad(withNodes({ aws: { fqdn: "a b" } }))).toThrow(/fqdn: "a b" is not a DNS name/);
  });

  it("reads an empty address as absent", () => {
    const outputs = parseLabOutputs(withNodes({ aws: { public_ipv6: "" } }), "o.json");
    expect(outputs.nodes.aws?.publicIpv6).toBeUndefined();
  });
});

describe("buildCheckLab", () => {
  it("targets enabled nodes with addresses from the outputs and the plan", () => {
    const lab = buildCheckLab(labPlan(), parseLabOutputs(OUTPUTS, "test"));
    expect(lab).toMatchObject({
      networkId: NWID,
      networkName: "demo.lab",
      interfaceName: "ztyqb6mebi",
      flowMode: "watch",
      tapNode: "aws",
    });
    expect(lab.targets.map((t) => [t.name, t.host, t.zerotierIp, t.fqdn, t.podCidr])).toEqual([
      ["do", "203.0.113.1", "10.0.1.1", "do.demo.lab", "10.42.1.0/24"],
      ["aws", "2001:db8::2", "10.0.2.1", "aws.demo.lab", "10.42.2.0/24"],
      ["gcp", undefined, "10.0.3.1", "gcp.demo.lab", "10.42.3.0/24"],
    ]);
    expect(lab.targets[0]?.sixplanePrefix80).toBe("fc5d:214d:b10a:0:1::/80");
    expect(lab.targets[2]?.sixplanePrefix80).toBeUndefined();
  });

  it("refuses outputs without a network id", () => {
    expect(() => buildCheckLab(labPlan(), parseLabOutputs({}, "test"))).toThrow(
      expect.objectContaining({ code: "outputs-without-network" }),
    );
  });
});

describe("perNodeSteps", () => {
  const lab = buildCheckLab(labPlan(), parseLabOutputs(OUTPUTS, "test"));
  const self = lab.targets[0];

  it("pings every other node twice, fetches every web page, reads bird and zerotier once", () => {
    const steps = perNodeSteps(self!, lab, selectChecks(undefined));
    expect(steps.map((s) => `${s.check} ${s.label ?? ""} | ${s.command}`)).toEqual([
      "zerotier  | sudo -n zerotier-cli -j listnetworks",
      "ping-ip aws 10.0.2.1 | ping -c 1 -W 2 10.0.2.1",
      "ping-name aws.demo.lab | ping -4 -c 1 -W 2 aws.demo.lab",
      "ping-ip gcp 10.0.3.1 | ping -c 1 -W 2 10.0.3.1",
      "ping-name gcp.demo.lab | ping -4 -c 1 -W 2 gcp.demo.lab",
      "web do.demo.lab | curl -sS -o /dev/null -m 5 -w '%{http_code}' http://do.demo.lab/",
      "web aws.demo.lab | curl -sS -o /dev/null -m 5 -w '%{http_code}' http://aws.demo.lab/",
      "web gcp.demo.lab | curl -sS -o /dev/null -m 5 -w '%{http_code}' http://gcp.demo.lab/",
      "ospf  | sudo -n birdc -r show route",
    ]);
  });

  it("keeps only the selected checks", () => {
    const steps = perNodeSteps(self!, lab, selectChecks(["ospf"]));
    expect(steps.map((s) => s.check)).toEqual(["ospf"]);
  });

  it("expects the zerotier IPv4 of the node itself", () => {
    const [step] = perNodeSteps(self!, lab, selectChecks(["zerotier"]));
    const listing = JSON.stringify([
      { nwid: NWID, status: "OK", assignedAddresses: ["10.0.1.1/16"] },
    ]);
    const ran = { exitCode: 0, stdout: listing, stderr: "", timedOut: false, durationMs: 1 };
    expect(step?.interpret(ran)).toEqual({ ok: true });
  });
});

describe("containerPingSteps", () => {
  const lab = buildCheckLab(labPlan(), parseLabOutputs(OUTPUTS, "test"));
  const probes = new Map<string, ContainerAddresses>([
    ["do", { ipv4: "10.42.1.2", ipv6: "fc5d:214d:b10a:0:1:242:a2a:102" }],
    ["aws", { ipv4: "10.42.2.2", ipv6: "fc5d:214d:b10a:0:2:242:a2a:202" }],
    ["gcp", { ipv4: undefined, ipv6: undefined }],
  ]);

  it("pings every peer's container over both families from inside the probe", () => {
    const steps = containerPingSteps(lab.targets[0]!, probes, selectChecks(undefined));
    expect(steps.map((s) => `${s.check} ${s.label ?? ""} | ${s.command}`)).toEqual([
      "container-ipv4 aws 10.42.2.2 | sudo -n docker exec ztlab-probe ping -c 1 -W 2 10.42.2.2",
      "container-ipv6 aws fc5d:214d:b10a:0:2:242:a2a:202 | " +
        "sudo -n docker exec ztlab-probe ping -c 1 -W 2 fc5d:214d:b10a:0:2:242:a2a:202",
    ]);
  });

  it("skips IPv6 when this node's container has no 6PLANE address", () => {
    const without = new Map(probes).set("do", { ipv4: "10.42.1.2", ipv6: undefined });
    const steps = containerPingSteps(lab.targets[0]!, without, selectChecks(["container-ipv6"]));
    expect(steps).toEqual([]);
  });

  it("sends nothing from a node whose probe container did not start", () => {
    expect(containerPingSteps(lab.targets[2]!, probes, selectChecks(undefined))).toEqual([]);
  });
});

describe("selectChecks", () => {
  it("always keeps ssh first and keeps matrix order", () => {
    expect(selectChecks(["web,zerotier", "tap"])).toEqual(["ssh", "zerotier", "web", "tap"]);
  });

  it("rejects unknown names listing the known ones", () => {
    expect(() => selectChecks(["web", "pong"])).toThrow(
      expect.objectContaining({ code: "unknown-check", hint: expect.stringContaining("ping-ip") }),
    );
  });
});

describe("CheckMatrix", () => {
  it("fails a cell on any failed verdict, skips an empty one, and counts them", () => {
    const matrix = new CheckMatrix(["do", "aws"], ["ssh", "ping-ip"]);
    matrix.record("do", "ssh", { ok: true });
    matrix.record("do", "ping-ip", { ok: true }, "aws");
    matrix.record("do", "ping-ip", { ok: false, reason: "no reply" }, "gcp");
    matrix.record("aws", "ssh", { ok: false, reason: "ssh: refused" });
    matrix.skip("aws", "ping-ip", "not reached over ssh");
    const report = matrix.report(NWID, 1234);
    expect(report.cells).toEqual([
      { node: "do", check: "ssh", status: "pass", reasons: [] },
      { node: "do", check: "ping-ip", status: "fail", reasons: ["gcp: no reply"] },
      { node: "aws", check: "ssh", status: "fail", reasons: ["ssh: refused"] },
      { node: "aws", check: "ping-ip", status: "skip", reasons: ["not reached over ssh"] },
    ]);
    expect(report.summary).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(report.durationMs).toBe(1234);
  });
});

describe("mapLimit", () => {
  it("never runs more than the limit at once and keeps order", async () => {
    let running = 0;
    let peak = 0;
    const result = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      running -= 1;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it("handles an empty list", async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});

describe("shellQuote and withRemoteTimeout", () => {
  it.each([
    ["10.0.2.1", "10.0.2.1"],
    ["http://aws.demo.lab/", "http://aws.demo.lab/"],
    ["icmp and host 1", "'icmp and host 1'"],
    ["it's", "'it'\\''s'"],
    ["$(reboot)", "'$(reboot)'"],
  ])("quotes %j as %s", (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it("runs the command under coreutils timeout in a fresh shell", () => {
    expect(withRemoteTimeout("ping -c 1 x; echo done", 7)).toBe(
      "timeout -k 2 7 sh -c 'ping -c 1 x; echo done'",
    );
  });
});
