#!/usr/bin/env node
// Project lint: prettier formatting, and no bare TODO/FIXME/XXX notes (they must name an issue).
import { spawnSync } from "node:child_process";

let failed = false;

const prettier = spawnSync("npx", ["prettier", "--check", "src", "test", "scripts"], {
  stdio: "inherit",
});
if (prettier.status !== 0) failed = true;

const grep = spawnSync(
  "git",
  ["grep", "-nE", "(TODO|FIXME|XXX)([^(]|$)", "--", "src", "test", "scripts", ":!scripts/lint.mjs"],
  { encoding: "utf8" },
);
if (grep.stdout.trim() !== "") {
  console.error("notes must read TODO(#N): or LIMITATION(#N): ...\n" + grep.stdout);
  failed = true;
}

process.exit(failed ? 1 : 0);
