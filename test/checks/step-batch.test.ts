import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { batchScript, splitBatchOutput, type RemoteResult } from "../../src/checks/index.js";
import * as checkCommands from "../../src/checks/check-commands.js";

function runLocally(script: string): RemoteResult {
  let stdout = "";
  let exitCode = 0;
  try {
    stdout = execFileSync("sh", ["-c", script], { encoding: "utf8" });
  } catch (error) {
    exitCode = (error as { status: number }).status;
  }
  return { exitCode, stdout, stderr: "", timedOut: false, durationMs: 10 };
}

describe("batchScript and splitBatchOutput", () => {
  it("returns each command's exit code, stdout and stderr exactly", () => {
    const commands = [
      "echo one; echo two",
      "printf 'no newline'; echo oops >&2; exit 3",
      "true",
      "echo 'it''s quoted' | tr a-z A-Z",
    ];
    const results = splitBatchOutput(runLocally(batchScript(commands, 5)), commands.length);
    expect(results.map(({ exitCode, stdout, stderr }) => ({ exitCode, stdout, stderr }))).toEqual([
      { exitCode: 0, stdout: "one\ntwo\n", stderr: "" },
      { exitCode: 3, stdout: "no newline", stderr: "oops\n" },
      { exitCode: 0, stdout: "", stderr: "" },
      { exitCode: 0, stdout: "ITS QUOTED\n", stderr: "" },
    ]);
  });

  it("runs the commands side by side", () => {
    const started = Date.now();
    const script = batchScript(["sleep 1; echo a", "sleep 1; echo b", "sleep 1; echo c"], 5);
    const results = splitBatchOutput(runLocally(script), 3);
    expect(results.map((r) => r.stdout)).toEqual(["a\n", "b\n", "c\n"]);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("stops a command past its time limit with timeout's exit code", () => {
    const results = splitBatchOutput(runLocally(batchScript(["sleep 5", "echo fast"], 1)), 2);
    expect(results[0]?.exitCode).toBe(124);
    expect(results[1]?.stdout).toBe("fast\n");
  });

  it("gives every command the batch's own failure when the batch did not run", () => {
    const failed: RemoteResult = {
      exitCode: 255,
      stdout: "",
      stderr: "ssh: connect to host 10.1.1.1 port 22: Connection refused\n",
      timedOut: false,
      durationMs: 30,
    };
    expect(splitBatchOutput(failed, 2)).toEqual([failed, failed]);
    const timedOut = { ...failed, exitCode: undefined, timedOut: true };
    expect(splitBatchOutput(timedOut, 3)).toEqual([timedOut, timedOut, timedOut]);
  });
});

const hasShellcheck = execFileSync("sh", ["-c", "command -v shellcheck || true"]).length > 0;

describe.skipIf(!hasShellcheck)("remote scripts under shellcheck (needs shellcheck)", () => {
  it("finds nothing in a batch of every command the checks send", () => {
    const commands = [
      checkCommands.zerotierStatusCommand(),
      checkCommands.pingCommand("gcp.demo.lab", { ipv4Only: true }),
      checkCommands.webStatusCommand("aws.demo.lab"),
      checkCommands.birdRoutesCommand(),
      checkCommands.probeSetupCommand(),
      checkCommands.probePingCommand("fc5d:214d:b10a:0:1:242:a2a:102"),
      checkCommands.captureProbeCommand("ztyqb6mebi", ["10.0.2.1", "10.0.3.1"], 6),
      checkCommands.probeTrafficCommand("10.0.3.1"),
      checkCommands.probeCleanupCommand(),
    ];
    const scripts = [batchScript(commands, 20), ...commands];
    for (const script of scripts) {
      // SC2016: `sh -c '...$x...'` is meant to expand in the inner shell, not this one.
      const args = ["-s", "sh", "-e", "SC2016", "-"];
      const result = spawnSync("shellcheck", args, { input: script, encoding: "utf8" });
      expect(result.stdout, script).toBe("");
      expect(result.status).toBe(0);
    }
  });
});
