import { describe, expect, it } from "vitest";
import { CheckMatrix } from "../../../src/checks/index.js";
import { renderCheckReport } from "../../../src/cli/render/check-view.js";
import { renderSshConfig } from "../../../src/cli/render/ssh-config-view.js";

describe("renderCheckReport", () => {
  it("prints the matrix, a reason per failure and a summary", () => {
    const matrix = new CheckMatrix(["do", "aws"], ["ssh", "ping-ip", "tap"]);
    matrix.record("do", "ssh", { ok: true });
    matrix.record("do", "ping-ip", { ok: true }, "aws 10.0.2.1");
    matrix.record("do", "tap", { ok: false, reason: "no mirrored frames" }, "probe aws -> gcp");
    matrix.record("aws", "ssh", { ok: true });
    matrix.record("aws", "ping-ip", { ok: false, reason: "no reply" }, "do 10.0.1.1");
    matrix.skip("aws", "tap", "needs the tap node and two other reachable nodes");
    expect(renderCheckReport(matrix.report("8bd5124fd6f45ffe", 2_345))).toMatchInlineSnapshot(`
      "NODE  SSH  PING-IP  TAP
      do    ok   ok       FAIL
      aws   ok   FAIL     -

      NODE  CHECK          REASON
      do    tap            probe aws -> gcp: no mirrored frames
      aws   ping-ip        do 10.0.1.1: no reply
      aws   tap (skipped)  needs the tap node and two other reachable nodes

      lab has problems: 3 passed, 2 failed, 1 skipped on 2 nodes in 2.3 s
      "
    `);
  });

  it("leaves out the skipped checks of a node ssh cannot reach", () => {
    const matrix = new CheckMatrix(["do"], ["ssh", "zerotier", "web"]);
    matrix.record("do", "ssh", {
      ok: false,
      reason: "ssh: connect to host 203.0.113.5 port 22: timed out",
    });
    matrix.skip("do", "zerotier", "not reached over ssh");
    matrix.skip("do", "web", "not reached over ssh");
    const text = renderCheckReport(matrix.report("8bd5124fd6f45ffe", 500));
    expect(text).toContain("do    ssh    ssh: connect to host 203.0.113.5 port 22: timed out");
    expect(text).not.toContain("not reached over ssh");
    expect(text.split("\n")[1]).toBe("do    FAIL  -         -");
  });

  it("says the lab is OK when nothing failed", () => {
    const matrix = new CheckMatrix(["do"], ["ssh"]);
    matrix.record("do", "ssh", { ok: true });
    expect(renderCheckReport(matrix.report("8bd5124fd6f45ffe", 500))).toContain(
      "lab OK: 1 passed, 0 failed, 0 skipped on 1 nodes in 0.5 s",
    );
  });
});

describe("renderSshConfig", () => {
  it("writes a Host block per deployed node and a note for the others", () => {
    const text = renderSshConfig({
      networkName: "demo.lab",
      networkId: "8bd5124fd6f45ffe",
      nodes: [
        { name: "do", fqdn: "do.demo.lab", host: "203.0.113.5" },
        { name: "aws", fqdn: "aws.demo.lab", host: undefined },
      ],
      user: "alice",
      port: undefined,
      settings: { knownHostsFile: "/home/alice/.local/state/ztlab/known_hosts" },
    });
    expect(text).toMatchInlineSnapshot(`
      "# ztlab lab demo.lab (network 8bd5124fd6f45ffe)
      # Save this and add \`Include <file>\` near the top of ~/.ssh/config.

      Host do.demo.lab ztlab-do
        HostName 203.0.113.5
        User alice
        UserKnownHostsFile /home/alice/.local/state/ztlab/known_hosts
        StrictHostKeyChecking accept-new

      # aws: no public address in the Terraform outputs (not deployed?)
      "
    `);
  });
});
