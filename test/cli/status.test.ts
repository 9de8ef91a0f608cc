import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runZtlab } from "../helpers/cli-run.js";
import {
  memberFixture,
  networkFixture,
  startCentralServer,
  type CentralServer,
} from "../helpers/central-server.js";

const NWID = "8bd5124fd6f45ffe";
const hasTerraform = spawnSync("sh", ["-c", "command -v terraform"]).status === 0;
const TOKEN = "central-token-0123456789abcdef0123";

const LAB = `network:
  name: demo.lab
  flow_rules: { mode: tee, tap: do }
users:
  alice:
    username: alice
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com
devices:
  laptop: { member_id: a11c3411ce, description: alice laptop }
instances:
  do: {}
  aws: {}
  gcp: {}
`;

const OUTPUTS = {
  networks: { sensitive: false, type: "object", value: { demolab: NWID } },
  identities: {
    sensitive: false,
    type: "object",
    value: { do: "0a00000001", aws: "0a00000002", gcp: "0a00000003" },
  },
};

let server: CentralServer;
let dir: string;

beforeEach(async () => {
  const now = Date.now();
  dir = await mkdtemp(join(tmpdir(), "ztlab-status-"));
  await writeFile(join(dir, "ztlab.yaml"), LAB);
  await writeFile(join(dir, "outputs.json"), JSON.stringify(OUTPUTS));
  server = await startCentralServer({
    tokens: [TOKEN],
    networks: { [NWID]: networkFixture(NWID, { rulesSource: "tee -1 0a00000001;\naccept;\n" }) },
    members: {
      [NWID]: [
        memberFixture(NWID, "ffee000001", {
          name: "stranger",
          lastSeen: now - 10 * 60_000 - 5_000,
        }),
        memberFixture(NWID, "0a00000002", {
          name: "aws",
          ips: ["10.0.2.1"],
          lastSeen: now - 150_000,
          physicalAddress: "198.51.100.7",
        }),
        memberFixture(NWID, "a11c3411ce", { name: "laptop", ips: ["10.0.0.83"], lastSeen: 0 }),
        memberFixture(NWID, "0a00000001", {
          name: "do",
          ips: ["10.0.1.1"],
          lastSeen: now - 90_000,
          physicalAddress: "203.0.113.5",
        }),
      ],
    },
  });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  ZEROTIER_CENTRAL_URL: server.url,
  ZEROTIER_CENTRAL_TOKEN: TOKEN,
  ...extra,
});

describe("ztlab status", () => {
  it("lists lab nodes, then devices, then unknown members, with computed addresses", async () => {
    const run = await runZtlab(["status", "--outputs", "outputs.json"], { cwd: dir, env: env() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`network ${NWID}  demo.lab  rules tee (tap do)  members 4, 2 online`);
    expect(lines[2]).toMatch(/^NAME\s+ROLE\s+NODE ID\s+AUTH\s+ONLINE\s+LAST SEEN\s+PHYSICAL/);
    const rows = lines.slice(3, 8).map((line) => line.split(/\s{2,}/));
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ["do", "node", "0a00000001", "yes", "yes", "1m ago"],
      ["aws", "node", "0a00000002", "yes", "yes", "2m ago"],
      ["gcp", "node", "0a00000003", "-", "NOT IN CENTRAL", "never"],
      ["laptop", "device", "a11c3411ce", "yes", "no", "never"],
      ["stranger", "UNKNOWN", "ffee000001", "yes", "no", "10m ago"],
    ]);
    expect(rows[0]?.slice(6)).toEqual([
      "203.0.113.5",
      "1.14.2",
      "10.0.1.1",
      "fc5d:214d:b10a:0:1::1",
      "fd8b:d512:4fd6:f45f:fe99:930a:0:1",
    ]);
    expect(run.stdout).toContain("1 member(s) not in the lab file (UNKNOWN)");
    expect(server.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it("prints one JSON document with --json and takes --network", async () => {
    const run = await runZtlab(["--json", "status", "--network", NWID], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      network: { id: string; rulesMode: string; tap: string };
      members: { name: string; role: string; online: string }[];
    };
    expect(doc.network).toEqual({ id: NWID, name: "demo.lab", rulesMode: "tee", tap: "do" });
    // Without outputs, lab nodes are matched by the member names the lab sets.
    expect(doc.members.map((m) => [m.name, m.role, m.online])).toEqual([
      ["do", "node", "online"],
      ["aws", "node", "online"],
      ["laptop", "device", "never"],
      ["stranger", "unknown", "offline"],
    ]);
  });

  it("indents the single --json document", async () => {
    const run = await runZtlab(["--json", "status", "--network", NWID], { cwd: dir, env: env() });
    expect(run.stdout.startsWith('{\n  "network": {')).toBe(true);
  });

  it("prints JSON Lines with --json --watch: one compact document per refresh", async () => {
    const controller = new AbortController();
    const run = await runZtlab(["--json", "status", "--network", NWID, "--watch", "1"], {
      cwd: dir,
      env: env(),
      signal: controller.signal,
      onStdout: (text) => {
        if (text.split("\n").length > 2) controller.abort();
      },
    });
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ network: { id: NWID } });
  });

  it.each(["1e9", "3601", "0", "-1", "1.5", "abc"])(
    "exits 2 for --watch %s before asking Central",
    async (value) => {
      const run = await runZtlab(["status", "--network", NWID, `--watch=${value}`], {
        cwd: dir,
        env: env(),
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--watch");
      expect(server.requests).toHaveLength(0);
    },
  );

  it("documents the --watch bounds and JSON Lines in its help", async () => {
    const run = await runZtlab(["status", "--help"], { cwd: dir });
    expect(run.stdout).toContain("1 to 3600 seconds");
    expect(run.stdout).toContain("JSON Lines");
  });

  it("refreshes in place with --watch until interrupted", async () => {
    const controller = new AbortController();
    const run = await runZtlab(["status", "--network", NWID, "--watch", "1"], {
      cwd: dir,
      env: env(),
      signal: controller.signal,
      onStdout: (text) => {
        if (text.split("network 8bd5").length > 2) controller.abort();
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^network 8bd5/gm)).toHaveLength(2);
    expect(server.requests.filter((r) => r.path.endsWith("/member"))).toHaveLength(2);
  });

  it.skipIf(!hasTerraform)(
    "reads the network id from the engine's outputs in ztlab-terraform/ (needs terraform)",
    async () => {
      const tfDir = join(dir, "ztlab-terraform");
      await mkdir(tfDir);
      const outputs = { networks: { value: { demolab: NWID } }, identities: { value: {} } };
      await writeFile(join(tfDir, "main.tf.json"), JSON.stringify({ output: outputs }));
      for (const args of [
        ["init", "-input=false"],
        ["apply", "-auto-approve", "-input=false"],
      ]) {
        const tf = spawnSync("terraform", args, { cwd: tfDir, encoding: "utf8" });
        expect(tf.status, tf.stderr).toBe(0);
      }
      const run = await runZtlab(["status"], {
        cwd: dir,
        env: env({ PATH: process.env.PATH ?? "", HOME: dir }),
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout.split("\n")[0]).toContain(`network ${NWID}  demo.lab`);
    },
  );

  it("clears the terminal before each refresh when stdout is one", async () => {
    const controller = new AbortController();
    const run = await runZtlab(["status", "--network", NWID, "--watch", "1"], {
      cwd: dir,
      env: env(),
      signal: controller.signal,
      tty: true,
      onStdout: (text) => {
        if (text.split("\x1b[H\x1b[2J").length > 2) controller.abort();
      },
    });
    expect(run.code).toBe(0);
    const frames = run.stdout.split("\x1b[H\x1b[2J");
    expect(frames[0]).toBe("");
    expect(frames.slice(1).every((frame) => frame.startsWith(`network ${NWID}`))).toBe(true);
  });

  it("exits 2 without the token and names the variable", async () => {
    const run = await runZtlab(["status", "--network", NWID], {
      cwd: dir,
      env: { ZEROTIER_CENTRAL_URL: server.url },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ZEROTIER_CENTRAL_TOKEN is not set");
  });

  it.each([
    ["not a url", '"not a url" is not a URL'],
    ["ftp://127.0.0.1/api", '"ftp://127.0.0.1/api" is not an http or https URL'],
  ])("exits 2 at once for ZEROTIER_CENTRAL_URL=%s, sending nothing", async (url, message) => {
    const run = await runZtlab(["status", "--network", NWID], {
      cwd: dir,
      env: env({ ZEROTIER_CENTRAL_URL: url }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`ZEROTIER_CENTRAL_URL: ${message}`);
    expect(run.stderr).not.toContain("attempts");
    expect(server.requests).toHaveLength(0);
  });

  it("exits 2 for a URL with credentials without printing them", async () => {
    const url = server.url.replace("http://", "http://user:pw-secret-9@");
    const run = await runZtlab(["status", "--network", NWID], {
      cwd: dir,
      env: env({ ZEROTIER_CENTRAL_URL: url }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("must not carry a user name or password");
    expect(run.stderr).not.toContain("pw-secret-9");
    expect(run.stderr).not.toContain("user:");
    expect(server.requests).toHaveLength(0);
  });

  it("exits 2 for a token with a line break without printing it", async () => {
    const run = await runZtlab(["status", "--network", NWID], {
      cwd: dir,
      env: env({ ZEROTIER_CENTRAL_TOKEN: "fake-zt-secret-456\nX: 1" }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ZEROTIER_CENTRAL_TOKEN holds spaces, line breaks");
    expect(run.stderr).not.toContain("fake-zt-secret-456");
    expect(server.requests).toHaveLength(0);
  });

  it("reports a refused token without printing it", async () => {
    const secret = "wrong-secret-token-value-42";
    const run = await runZtlab(["--json", "status", "--network", NWID], {
      cwd: dir,
      env: env({ ZEROTIER_CENTRAL_TOKEN: secret }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the token is not valid");
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: "central-unauthorized" } });
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("exits 2 when the network does not exist", async () => {
    const run = await runZtlab(["status", "--network", "0000000000000001"], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("network 0000000000000001 does not exist");
  });

  it("exits 2 for a malformed --network", async () => {
    const run = await runZtlab(["status", "--network", "abc"], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--network: "abc" is not a network id');
  });
});
