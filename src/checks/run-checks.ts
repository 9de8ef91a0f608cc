// Runs the selected checks on every node in parallel: connect (one multiplexed ssh master per
// node), per-node checks while the probe containers start, container pings that need every
// node's probe address, the tap probe, then cleanup. Phases wait for each other; inside a phase
// all nodes run at once.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { selectChecks, type CheckId } from "./check-ids.js";
import { CheckMatrix, type CheckReport } from "./check-matrix.js";
import { selectRows, type CheckLab, type CheckTarget } from "./check-targets.js";
import * as commands from "./check-commands.js";
import { interpretContainerAddresses, type ContainerAddresses } from "./interpret-ip-addr.js";
import { interpretPing } from "./interpret-ping.js";
import { interpretMirroredFrames } from "./interpret-tshark.js";
import { mapLimit } from "./map-limit.js";
import { containerPingSteps, perNodeSteps, type Step } from "./check-steps.js";
import { batchScript, splitBatchOutput } from "./step-batch.js";
import { openMaster, type SshMaster } from "./ssh-master.js";
import { runRemote, type RemoteResult, type SshSettings } from "./ssh-transport.js";
import { fail, type Verdict } from "./verdict.js";

export interface CheckProgress {
  node: string;
  check: CheckId;
  ok: boolean;
  done: number;
}

export interface RunChecksOptions {
  lab: CheckLab;
  user: string;
  settings: SshSettings;
  /** ssh port for every node; unset means ssh's default (or ~/.ssh/config). */
  port?: number;
  only?: readonly string[];
  /** Rows of the matrix; other nodes still serve as peers. */
  nodes?: readonly string[];
  /** Nodes worked on at once. */
  concurrency?: number;
  stepTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Where the per-node multiplexing sockets go; short, to fit the socket path limit. */
  controlDir: string;
  /** Seconds the tap node listens while the probe runs. */
  tapListenS?: number;
  signal?: AbortSignal;
  onProgress?: (event: CheckProgress) => void;
  sshBinary?: string;
}

interface Session {
  target: CheckTarget;
  master: SshMaster;
}

export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
  const started = Date.now();
  const { lab } = options;
  const checks = selectChecks(options.only);
  const rows = selectRows(lab, options.nodes);
  const matrix = new CheckMatrix(
    rows.map((row) => row.name),
    checks,
  );
  const runner = new NodeRunner(options, matrix);
  const wantsPeers = checks.some((c) => c.startsWith("container-") || c === "tap");
  const toConnect = wantsPeers ? lab.targets : rows;
  const isRow = (name: string) => rows.some((row) => row.name === name);
  try {
    await runner.connectAll(toConnect, isRow, checks);
    const wantsContainers = checks.some((check) => check.startsWith("container-"));
    // Probe containers start while the per-node checks run: a second session on each node.
    await Promise.all([
      mapLimit(runner.connectedOf(rows), runner.concurrency, (session) =>
        runner.runSteps(session, perNodeSteps(session.target, lab, checks)),
      ),
      wantsContainers ? runner.startProbes(checks, isRow) : undefined,
    ]);
    if (wantsContainers) await runner.containerPings(checks, isRow);
    if (checks.includes("tap")) await runner.tapPhase(isRow);
  } finally {
    await runner.cleanup();
  }
  return matrix.report(lab.networkId, Date.now() - started);
}

class NodeRunner {
  readonly concurrency: number;
  private readonly sessions = new Map<string, Session>();
  private readonly probes = new Map<string, ContainerAddresses>();
  private readonly probed = new Set<string>();
  private done = 0;

  constructor(
    private readonly options: RunChecksOptions,
    private readonly matrix: CheckMatrix,
  ) {
    this.concurrency = options.concurrency ?? 10;
  }

  connectedOf(targets: readonly CheckTarget[]): Session[] {
    return targets.flatMap((target) => this.sessions.get(target.name) ?? []);
  }

  async connectAll(
    targets: readonly CheckTarget[],
    isRow: (name: string) => boolean,
    checks: readonly CheckId[],
  ): Promise<void> {
    await mapLimit(targets, this.concurrency, async (target) => {
      const verdict = await this.connect(target);
      if (!isRow(target.name)) return;
      this.report(target.name, "ssh", verdict);
      if (verdict.ok) return;
      for (const check of checks) {
        if (check !== "ssh") this.matrix.skip(target.name, check, "not reached over ssh");
      }
    });
  }

  private async connect(target: CheckTarget): Promise<Verdict> {
    if (target.host === undefined) return fail("no public address in the Terraform outputs");
    const outcome = await openMaster({
      endpoint: this.endpoint(target),
      settings: this.options.settings,
      controlPath: join(this.options.controlDir, target.name),
      timeoutMs: this.options.connectTimeoutMs ?? 15_000,
      sshBinary: this.options.sshBinary,
    });
    if (!outcome.ok) return fail(outcome.reason);
    this.sessions.set(target.name, { target, master: outcome.master });
    return { ok: true };
  }

  /** All steps of a phase in one session, side by side on the node. */
  async runSteps(session: Session, steps: readonly Step[]): Promise<void> {
    if (steps.length === 0) return;
    const results = await this.execBatch(
      session,
      steps.map((step) => step.command),
    );
    steps.forEach((step, i) => {
      const result = results[i] as RemoteResult;
      this.report(session.target.name, step.check, step.interpret(result), step.label);
    });
  }

  /** Starts the probe container on every connected node and learns its addresses. */
  async startProbes(checks: readonly CheckId[], isRow: (name: string) => boolean) {
    const sessions = [...this.sessions.values()];
    await mapLimit(sessions, this.concurrency, async (session) => {
      const { target } = session;
      this.probed.add(target.name);
      const result = await this.exec(session, commands.probeSetupCommand());
      const verdict = interpretContainerAddresses(result, {
        ipv4Cidr: target.podCidr,
        sixplanePrefix80: target.sixplanePrefix80 ?? "::/80",
      });
      this.probes.set(target.name, verdict.addresses);
      if (!isRow(target.name) || verdict.ok) return;
      for (const check of ["container-ipv4", "container-ipv6"] as const) {
        if (checks.includes(check)) this.report(target.name, check, verdict, "probe container");
      }
    });
  }

  async containerPings(checks: readonly CheckId[], isRow: (name: string) => boolean) {
    await mapLimit(this.rowSessions(isRow), this.concurrency, (session) => {
      for (const check of ["container-ipv4", "container-ipv6"] as const) {
        this.matrix.skip(session.target.name, check, "no other node's probe container to reach");
      }
      return this.runSteps(session, containerPingSteps(session.target, this.probes, checks));
    });
  }

  async tapPhase(isRow: (name: string) => boolean): Promise<void> {
    const { lab } = this.options;
    const tap = lab.tapNode;
    if (tap === undefined || !isRow(tap)) return;
    if (lab.flowMode === "off") {
      this.matrix.skip(tap, "tap", "flow rules are off (no tap)");
      return;
    }
    const tapSession = this.sessions.get(tap);
    // The first two other nodes in lab order, so the probe is the same from run to run.
    const ends = this.connectedOf(lab.targets.filter((t) => t.name !== tap)).slice(0, 2);
    const [from, to] = ends;
    if (tapSession === undefined || from === undefined || to === undefined) {
      this.matrix.skip(tap, "tap", "needs the tap node and two other reachable nodes");
      return;
    }
    const between = [from.target.zerotierIp, to.target.zerotierIp] as const;
    const listenS = this.options.tapListenS ?? 6;
    const capture = this.exec(
      tapSession,
      commands.captureProbeCommand(lab.interfaceName, between, listenS),
      listenS + 10,
    );
    // tshark needs a moment to open the interface before the probe starts.
    await delay(Math.min(2_000, (listenS * 1000) / 3));
    const probe = await this.exec(from, commands.probeTrafficCommand(to.target.zerotierIp));
    const captured = await capture;
    const probeVerdict = interpretPing(probe);
    const label = `probe ${from.target.name} -> ${to.target.name}`;
    if (!probeVerdict.ok) this.report(tap, "tap", probeVerdict, label);
    this.report(tap, "tap", interpretMirroredFrames(captured, { between }), label);
  }

  async cleanup(): Promise<void> {
    await mapLimit([...this.probed], this.concurrency, async (name) => {
      const session = this.sessions.get(name);
      if (session !== undefined) await this.exec(session, commands.probeCleanupCommand());
    });
    await Promise.all([...this.sessions.values()].map((session) => session.master.close()));
    this.sessions.clear();
  }

  private rowSessions(isRow: (name: string) => boolean): Session[] {
    return [...this.sessions.values()].filter((session) => isRow(session.target.name));
  }

  private exec(session: Session, command: string, timeoutS?: number): Promise<RemoteResult> {
    const seconds = timeoutS ?? this.stepSeconds();
    return this.send(session, commands.withRemoteTimeout(command, seconds), seconds);
  }

  private async execBatch(session: Session, list: readonly string[]): Promise<RemoteResult[]> {
    if (list.length === 1) return [await this.exec(session, list[0] as string)];
    const seconds = this.stepSeconds();
    const result = await this.send(session, batchScript(list, seconds), seconds);
    return splitBatchOutput(result, list.length);
  }

  private send(session: Session, script: string, seconds: number): Promise<RemoteResult> {
    return runRemote({
      endpoint: this.endpoint(session.target),
      settings: this.options.settings,
      controlPath: session.master.controlPath,
      command: script,
      timeoutMs: seconds * 1000 + 5_000,
      signal: this.options.signal,
      sshBinary: this.options.sshBinary,
    });
  }

  private stepSeconds(): number {
    return Math.ceil((this.options.stepTimeoutMs ?? 20_000) / 1000);
  }

  private endpoint(target: CheckTarget) {
    return { host: target.host ?? "", user: this.options.user, port: this.options.port };
  }

  private report(node: string, check: CheckId, verdict: Verdict, label?: string): void {
    this.matrix.record(node, check, verdict, label);
    this.done += 1;
    this.options.onProgress?.({ node, check, ok: verdict.ok, done: this.done });
  }
}
