// `check` reads its flags before anything else, so a typo is reported as such even when the
// lab is not up (no Terraform directory here).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_IDS } from "../../src/checks/index.js";
import { runZtlab } from "../helpers/cli-run.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ztlab-check-flags-"));
  await writeFile(
    join(dir, "ztlab.yaml"),
    "network:\n  name: demo.lab\nusers:\n  alice:\n    username: alice\n" +
      "    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW a@b\n" +
      "instances:\n  do: {}\n",
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ztlab = (args: string[]) =>
  runZtlab(["--config", join(dir, "ztlab.yaml"), ...args], { cwd: dir, env: { HOME: dir } });

describe("ztlab check flags", () => {
  it.each([
    [["--only", "bogus"], '--only: unknown check "bogus"'],
    [["--concurrency", "abc"], '--concurrency: "abc" is not a positive whole number'],
    [["--timeout", "0"], '--timeout: "0" is not a positive whole number'],
    [["--port", "70000"], '--port: "70000" is not a port number'],
  ])("exits 2 for %j before looking at the lab", async (flags, message) => {
    const run = await ztlab(["check", ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain("not up");
  });

  it("lists every check id in its help, without empty or quoted defaults", async () => {
    const run = await ztlab(["check", "--help"]);
    for (const id of CHECK_IDS) expect(run.stdout).toMatch(new RegExp(`^  ${id} `, "m"));
    expect(run.stdout).not.toContain("(default: [])");
    expect(run.stdout).not.toContain('default: "');
    expect(run.stdout).not.toContain('(default: "10")');
    expect(run.stdout).toContain("(default 10)");
  });
});
