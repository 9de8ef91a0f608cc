#!/usr/bin/env node
import { runCli } from "./program.js";

// The first Ctrl-C aborts the run so long commands stop their engine cleanly. The second forces
// the engine to stop now (it runs in its own process group, so only we can signal it) and ends
// ztlab shortly after, whatever is still running; a third ends it at once.
const controller = new AbortController();
const force = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  if (interrupts > 2) process.exit(130);
  if (interrupts === 2) {
    force.abort(new Error("forced"));
    setTimeout(() => process.exit(130), 6_000).unref();
  } else {
    controller.abort(new Error("interrupted"));
    void endSoonUnlessEngineRuns();
  }
});

// A running engine gets its clean stop; anything else (waiting on the network, a slow check) ends
// right after the command has had a moment to report.
async function endSoonUnlessEngineRuns(): Promise<void> {
  const { activeEngineRuns } = await import("../terraform/index.js");
  if (activeEngineRuns() === 0) setTimeout(() => process.exit(130), 1_000).unref();
}

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
  force: force.signal,
});
process.exitCode = code;
