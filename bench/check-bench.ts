// `ztlab check` over nine simulated nodes against the same checks from one node: parallel
// checking should make nine nodes cost about as much as one, not nine times as much.
// Needs root and OpenSSH server (each node is a loopback sshd whose tools answer after a delay
// standing in for a real node's latency). Run with `npm run bench:check [-- DELAY_SECONDS]`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCheckLab, readOutputsFile, runChecks, type CheckLab } from "../src/checks/index.js";
import { loadLab } from "../src/config/index.js";
import { resolvePlan } from "../src/plan/index.js";
import { NINE_NODES, startFakeLab, type FakeLab } from "../test/helpers/sshd-fake-lab.js";
import { sshdUnavailable } from "../test/helpers/sshd.js";

const PER_NODE_CHECKS = ["zerotier", "ping-ip", "ping-name", "web", "ospf"];
// One node after another would cost nine times one node; parallel checking must stay well under
// half of that. The simulated nodes share this machine's CPU (real nodes bring their own), so on a
// busy machine the ratio rises above 1 even when every node is checked at once.
const MAX_RATIO = 4.5;

const unavailable = sshdUnavailable();
if (unavailable !== undefined) {
  console.error(`check benchmark cannot run: ${unavailable}`);
  process.exit(2);
}

const delayS = Number(process.argv[2] ?? "0.5");
const fake = await startFakeLab({ names: NINE_NODES, delayS, flowMode: "off" });
try {
  const loaded = await loadLab({ cwd: tmpdir(), explicit: fake.labFile });
  const lab = buildCheckLab(resolvePlan(loaded.config), await readOutputsFile(fake.outputsFile));
  console.log(
    `9 simulated nodes, ${delayS} s per remote command, checks: ${PER_NODE_CHECKS.join(",")}`,
  );

  await timedRun(fake, lab, [NINE_NODES[0] ?? "do"]);
  const one = await timedRun(fake, lab, [NINE_NODES[0] ?? "do"]);
  const nine = await timedRun(fake, lab, NINE_NODES);
  const ratio = nine.seconds / one.seconds;
  console.log(`one node:   ${one.seconds.toFixed(2)} s (${one.cells} cells)`);
  console.log(`nine nodes: ${nine.seconds.toFixed(2)} s (${nine.cells} cells)`);
  console.log(`one after another: about ${(one.seconds * NINE_NODES.length).toFixed(2)} s`);
  console.log(`nine nodes cost ${ratio.toFixed(2)}x one node (one after another: 9x)`);
  if (one.failed + nine.failed > 0) {
    console.error("some checks failed in the simulated lab");
    process.exitCode = 1;
  } else if (ratio > MAX_RATIO) {
    console.error(`nine nodes cost more than ${MAX_RATIO}x one node: checks are not parallel`);
    process.exitCode = 1;
  }
} finally {
  await fake.stop();
}

async function timedRun(lab: FakeLab, checkLab: CheckLab, nodes: string[]) {
  const controlDir = await mkdtemp(join(tmpdir(), "ztb-"));
  try {
    const started = performance.now();
    const report = await runChecks({
      lab: checkLab,
      user: lab.sshd.user,
      port: lab.sshd.port,
      settings: {
        knownHostsFile: lab.sshd.knownHostsFile,
        identityFile: lab.sshd.identityFile,
        configFile: "none",
      },
      only: PER_NODE_CHECKS,
      nodes,
      controlDir,
    });
    return {
      seconds: (performance.now() - started) / 1000,
      cells: report.cells.length,
      failed: report.summary.failed,
    };
  } finally {
    await rm(controlDir, { recursive: true, force: true });
  }
}
