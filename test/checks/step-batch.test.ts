import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { batchScript, splitBatchOutput, type RemoteResult } from "../../src/checks/index.js";

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
