import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  renderBootScript,
  renderFirewallScript,
  renderZtDnsScript,
  type BootValueKind,
} from "../../src/boot/index.js";
import { BOOT_VALUES, planNode, referencePlan, referenceScriptText } from "./reference-boot.js";

const hasShellcheck = (await execa("shellcheck", ["--version"], { reject: false })).exitCode === 0;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ztlab-boot-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeScript(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("renderBootScript", () => {
  it.each([
    ["do", "the DNS node"],
    ["aws", "a plain node"],
  ])("renders a script bash parses for %s (%s)", async (name) => {
    const path = await writeScript(`${name}.sh`, referenceScriptText(name));
    const result = await execa("bash", ["-n", path], { reject: false });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it.skipIf(!hasShellcheck).each([
    ["do", "the DNS node"],
    ["aws", "a plain node"],
  ])("renders a script shellcheck accepts for %s (%s; needs shellcheck)", async (name) => {
    const path = await writeScript(`${name}-check.sh`, referenceScriptText(name));
    const result = await execa("shellcheck", ["--shell=bash", path], { reject: false });
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it.skipIf(!hasShellcheck).each([
    ["ztlab-firewall", renderFirewallScript()],
    ["ztlab-zt-dns", renderZtDnsScript()],
  ])("installs a %s script shellcheck accepts (needs shellcheck)", async (name, text) => {
    const path = await writeScript(name, text);
    const result = await execa("shellcheck", ["--shell=bash", path], { reject: false });
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("disables no shellcheck rule without a reason", () => {
    const text = referenceScriptText("do") + renderFirewallScript() + renderZtDnsScript();
    const disables = text.split("\n").filter((line) => line.includes("shellcheck disable"));
    for (const line of disables) expect(line).toMatch(/disable=SC\d+(,SC\d+)* -- \S/);
  });

  it("matches the reviewed snapshot of the DNS node's script", async () => {
    await expect(referenceScriptText("do")).toMatchFileSnapshot("__snapshots__/do.user-data.sh");
  });

  it("matches the reviewed snapshot of a plain node's script", async () => {
    await expect(referenceScriptText("aws")).toMatchFileSnapshot("__snapshots__/aws.user-data.sh");
  });

  it("prints a numbered header before each step, in first-boot order", () => {
    const headers = referenceScriptText("do")
      .split("\n")
      .filter((line) => line.startsWith("step "));
    expect(headers).toEqual([
      "step '1/13 hostname and /etc/hosts'",
      "step '2/13 users with SSH keys and sudo'",
      "step '3/13 host firewall and container forwarding'",
      "step '4/13 ZeroTier identity'",
      "step '5/13 package manager setup'",
      "step '6/13 install zerotier-one'",
      "step '7/13 join the ZeroTier network'",
      "step '8/13 systemd-resolved for names in the network'",
      "step '9/13 Docker with the container network'",
      "step '10/13 zeronsd name server (DNS node)'",
      "step '11/13 demo web server'",
      "step '12/13 diagnostic tools'",
      "step '13/13 bird2 OSPF on the ZeroTier interface'",
      'step "done"',
    ]);
  });

  it("stops on the first error and names the failing step", async () => {
    const text = referenceScriptText("aws");
    expect(text).toMatch(/^set -Eeuo pipefail$/m);
    const preamble = text.slice(0, text.indexOf("\nstep() {"));
    const trial = `${preamble}\nZTLAB_STEP="7/13 join"\nfalse\necho unreachable\n`;
    const result = await execa("bash", ["-c", trial], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain("unreachable");
    expect(result.stderr).toMatch(/step "7\/13 join" failed at line \d+ \(exit 1\)/);
  });

  it("fits AWS's 16 KiB user-data limit for the DNS node with realistic values", () => {
    expect(Buffer.byteLength(referenceScriptText("do"))).toBeLessThan(16 * 1024);
  });

  it("creates each user once and gives every user their key and sudo", () => {
    const text = referenceScriptText("gcp");
    expect(text).toContain(`if ! id -u "$name" >/dev/null 2>&1; then`);
    for (const user of referencePlan().users) {
      expect(text).toContain(`add_user '${user.username}' '${user.sshPublicKey}'\n`);
    }
    expect(text).toContain("NOPASSWD:ALL");
  });

  it("puts the central token placeholder in the DNS node's script only", () => {
    const plan = referencePlan();
    const kindsOf = (name: string): BootValueKind[] =>
      renderBootScript({ plan, node: planNode(plan, name) })
        .parts.filter((part) => typeof part !== "string")
        .map((part) => part.kind);
    expect(plan.dnsNode).toBe("do");
    expect(kindsOf("do")).toContain("central-token");
    for (const node of plan.nodes.filter((candidate) => candidate.name !== "do")) {
      expect(kindsOf(node.name)).not.toContain("central-token");
      expect(kindsOf(node.name).sort()).toEqual([
        "identity-public",
        "identity-secret",
        "network-id",
        "node-id",
      ]);
    }
  });

  it("keeps the literal text free of Terraform escaping", () => {
    const plan = referencePlan();
    const script = renderBootScript({ plan, node: planNode(plan, "aws") });
    const literal = script.parts.filter((part) => typeof part === "string").join("");
    expect(literal).toContain("${ZT_RUNNING_ID:-none}");
    expect(literal).not.toContain("$${");
  });

  it("fills placeholders with exactly the values given", () => {
    const text = referenceScriptText("do");
    expect(text).toContain(`ZT_NETWORK_ID='${BOOT_VALUES["network-id"]}'\n`);
    expect(text).toContain(`ZT_NODE_ID='${BOOT_VALUES["node-id"]}'\n`);
  });
});
