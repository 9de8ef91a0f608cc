#!/usr/bin/env node
import { runCli } from "./program.js";

// The first Ctrl-C aborts the run so long commands stop their engine cleanly;
// a second one ends the process at once.
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  controller.abort(new Error("interrupted"));
});

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
});
process.exitCode = code;
