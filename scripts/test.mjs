#!/usr/bin/env node
// The whole test suite: installs the system tools the tests drive (as root, through apt-get),
// then builds, type-checks, lints and runs vitest. This is the README's test command.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const SYSTEM_TOOLS = [
  { bin: "bird", pkg: "bird2" },
  { bin: "shellcheck", pkg: "shellcheck" },
  { bin: "nginx", pkg: "nginx-light" },
  { bin: "sshd", pkg: "openssh-server", paths: ["/usr/sbin/sshd"] },
  { bin: "ssh", pkg: "openssh-client" },
  { bin: "ip", pkg: "iproute2", paths: ["/usr/sbin/ip", "/sbin/ip"] },
  { bin: "ping", pkg: "iputils-ping" },
  { bin: "curl", pkg: "curl" },
  { bin: "iptables", pkg: "iptables", paths: ["/usr/sbin/iptables"] },
  { bin: "jq", pkg: "jq" },
  { bin: "chattr", pkg: "e2fsprogs" },
];

function run(cmd, args, opts = {}) {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (r.status !== 0) {
    console.error(`${cmd} failed with exit code ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

function has(tool) {
  if (tool.paths?.some((p) => existsSync(p))) return true;
  return spawnSync("sh", ["-c", `command -v ${tool.bin}`], { stdio: "ignore" }).status === 0;
}

const missing = SYSTEM_TOOLS.filter((t) => !has(t));
if (missing.length > 0) {
  const pkgs = missing.map((t) => t.pkg);
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], { env });
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...pkgs], { env });
  } else {
    console.error(`missing system tools: ${pkgs.join(", ")}; install them or run as root`);
    console.error("tests that need them will be skipped");
  }
}

run("npm", ["run", "--silent", "build"]);
run("npm", ["run", "--silent", "typecheck"]);
run("npm", ["run", "--silent", "lint"]);
run("npx", ["vitest", "run", ...process.argv.slice(2)]);
