// Field lessons, "First boot": each fault class has a test on the rendered script.
import { stat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BOOT_VALUES, referenceScriptText } from "./reference-boot.js";
import {
  createSandbox,
  scriptHelpers,
  scriptSection,
  type ScriptSandbox,
} from "./script-runner.js";

const NODE_ID = BOOT_VALUES["node-id"];
const NETWORK_ID = BOOT_VALUES["network-id"];
const text = referenceScriptText("do");
let box: ScriptSandbox;

beforeEach(async () => {
  box = await createSandbox();
});

afterEach(async () => {
  await box.remove();
});

function identitySnippet(home: string): string {
  const section = scriptSection(text, "ZT_IDENTITY_PUBLIC=", "unset ZT_IDENTITY_SECRET");
  return [
    scriptHelpers(text),
    `ZT_NODE_ID='${NODE_ID}'`,
    section.replaceAll("/var/lib/zerotier-one", home),
  ].join("\n");
}

describe("identity on disk", () => {
  it("writes the identity before the zerotier-one package is installed", () => {
    const written = text.indexOf("/var/lib/zerotier-one/identity.secret");
    const installed = text.indexOf("apt-get -q install zerotier-one");
    expect(written).toBeGreaterThan(0);
    expect(installed).toBeGreaterThan(written);
  });

  it("writes exact content without a trailing newline, public 0644, secret 0600", async () => {
    const home = join(box.dir, "zerotier-one");
    const run = await box.run(identitySnippet(home));
    expect(run.exitCode).toBe(0);
    const secret = join(home, "identity.secret");
    const pub = join(home, "identity.public");
    expect(await readFile(secret, "utf8")).toBe(BOOT_VALUES["identity-secret"]);
    expect(await readFile(pub, "utf8")).toBe(BOOT_VALUES["identity-public"]);
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    expect((await stat(pub)).mode & 0o777).toBe(0o644);
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    expect(run.stdout + run.stderr).not.toContain(BOOT_VALUES["identity-secret"].slice(142));
  });

  it("leaves the files as they are when run again", async () => {
    const home = join(box.dir, "zerotier-one");
    const snippet = `${identitySnippet(home)}\necho "changed=$ZT_IDENTITY_CHANGED"`;
    expect((await box.run(snippet)).stdout).toContain("changed=1");
    const again = await box.run(snippet);
    expect(again.stdout).toContain("changed=0");
    expect((await stat(join(home, "identity.secret"))).mode & 0o777).toBe(0o600);
  });

  it("refuses an identity that belongs to another node, without printing it", async () => {
    const home = join(box.dir, "zerotier-one");
    const snippet = identitySnippet(home).replace(
      `ZT_NODE_ID='${NODE_ID}'`,
      "ZT_NODE_ID=aaaaaaaaaa",
    );
    const run = await box.run(snippet);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("the identity is not node aaaaaaaaaa");
    expect(run.stdout + run.stderr).not.toContain(BOOT_VALUES["identity-secret"].slice(142));
  });
});

describe("running node id check", () => {
  const check = () =>
    [
      scriptHelpers(text),
      `ZT_NODE_ID='${NODE_ID}'`,
      scriptSection(text, 'ZT_RUNNING_ID=""', '  fail "zerotier-one runs as node'),
    ].join("\n");

  it("fails loudly when the service runs under another identity", async () => {
    await box.stub("zerotier-cli", 'echo "200 info 1234567890 1.14.2 ONLINE"');
    const run = await box.run(check());
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`runs as node '1234567890', expected ${NODE_ID}`);
  });

  it("passes when the service runs as the expected node", async () => {
    await box.stub("zerotier-cli", `echo "200 info ${NODE_ID} 1.14.2 ONLINE"`);
    expect((await box.run(check())).exitCode).toBe(0);
  });

  it("checks the node id after installing and before joining", () => {
    const checked = text.indexOf('[[ $ZT_RUNNING_ID == "$ZT_NODE_ID" ]]');
    expect(checked).toBeGreaterThan(text.indexOf("apt-get -q install zerotier-one"));
    expect(checked).toBeLessThan(text.indexOf('zerotier-cli join "$ZT_NETWORK_ID"'));
  });
});

describe("join wait", () => {
  const join = (timeout: number) =>
    [
      scriptHelpers(text),
      `ZT_NODE_ID='${NODE_ID}' ZT_NETWORK_ID='${NETWORK_ID}' NODE_IP=10.0.1.1`,
      `ZT_JOIN_TIMEOUT=${timeout}`,
      scriptSection(
        text,
        'zerotier-cli join "$ZT_NETWORK_ID"',
        'echo "network $ZT_NETWORK_ID is OK',
      ),
    ].join("\n");
  const zerotierCli = (status: string) =>
    `case "$1 $3" in "get status") echo ${status} ;; "get portDeviceName") echo ztyqb6mebi ;;` +
    ` *) echo "200 $1 OK" ;; esac`;

  it("is bounded in minutes", () => {
    expect(text).toContain("ZT_JOIN_TIMEOUT=$((10 * 60))");
  });

  it("gives up after the timeout and reports node id, network and status", async () => {
    await box.stub("zerotier-cli", zerotierCli("REQUESTING_CONFIGURATION"));
    const run = await box.run(join(0));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`node ${NODE_ID} not ready on network ${NETWORK_ID}`);
    expect(run.stderr).toContain("status REQUESTING_CONFIGURATION, interface ztyqb6mebi");
  });

  it("finishes once the network is OK and the address is on the interface", async () => {
    await box.stub("zerotier-cli", zerotierCli("OK"));
    await box.stub("ip", 'echo "7: ztyqb6mebi    inet 10.0.1.1/16 brd 10.0.255.255 scope global"');
    const run = await box.run(join(60));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("is OK on ztyqb6mebi with 10.0.1.1");
  });

  it("allows the network's DNS settings on the node", () => {
    expect(text).toContain('zerotier-cli set "$ZT_NETWORK_ID" allowDNS=1');
  });
});

describe("package installation", () => {
  it("is non-interactive with a dpkg lock timeout that reaches every apt child", () => {
    expect(text).toMatch(/^export DEBIAN_FRONTEND=noninteractive$/m);
    const config = scriptSection(text, "put_file 0644 /etc/apt/apt.conf.d/90ztlab", "ZTLAB_EOF");
    expect(config).toMatch(/^DPkg::Lock::Timeout "\d+";$/m);
    expect(config).toContain('"--force-confold"');
    expect(text.indexOf("/etc/apt/apt.conf.d/90ztlab")).toBeLessThan(text.indexOf("apt-get"));
  });

  it("installs gnupg, curl and ca-certificates before using them", () => {
    const base = text.indexOf("apt-get -q install gnupg curl ca-certificates");
    expect(base).toBeGreaterThan(0);
    expect(base).toBeLessThan(text.indexOf("curl -fsSL"));
  });

  it("answers tshark's debconf question before installing it", () => {
    const answered = text.indexOf("wireshark-common/install-setuid boolean false");
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(text.indexOf("apt-get -q install tshark"));
  });

  it("trusts ZeroTier's repository only with its pinned signing key", () => {
    expect(text).toContain("74A5E9C458E1A431F1DA57A71657198823E52A61");
    expect(text).toMatch(/deb \[signed-by=%s\] https:\/\/download\.zerotier\.com\/debian\//);
  });
});

describe("secrets", () => {
  it("appear only where they are assigned, once each", () => {
    for (const kind of ["identity-secret", "central-token"] as const) {
      const value = BOOT_VALUES[kind];
      const lines = text.split("\n").filter((line) => line.includes(value));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ZT_[A-Z_]+='[^']+'$/);
    }
  });

  it("are never echoed or traced", () => {
    expect(text).not.toMatch(/set -[a-z]*x|bash -x|xtrace/);
    const uses = text
      .split("\n")
      .filter((line) => /\$\{?(ZT_IDENTITY_SECRET|ZT_CENTRAL_TOKEN)\b/.test(line));
    for (const line of uses) expect(line).not.toMatch(/\becho\b|>&2/);
    expect(uses.filter((line) => line.includes("printf '%s'"))).toHaveLength(2);
  });
});
