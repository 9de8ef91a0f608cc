import { afterEach, describe, expect, it } from "vitest";
import {
  EngineFailedError,
  EngineInterruptedError,
  StateLockedError,
} from "../../src/terraform/engine-failure.js";
import {
  engineApply,
  engineInit,
  engineOutputs,
  enginePlan,
  type EngineRun,
} from "../../src/terraform/engine-operations.js";
import type { ProgressEvent } from "../../src/terraform/engine-runner.js";
import { countProgress } from "../../src/terraform/progress-tally.js";
import {
  fixtureWorkdir,
  removeWorkdir,
  stateList,
  TERRAFORM_PATH,
  testEngine,
  testEnv,
} from "../helpers/engine-workdir.js";

const noTerraform = TERRAFORM_PATH === undefined;
let dir: string | undefined;

async function prepare(
  fixture: string,
  extra: Partial<EngineRun> & { vars?: Record<string, string> } = {},
) {
  dir = await fixtureWorkdir(fixture);
  const events: ProgressEvent[] = [];
  const run: EngineRun = {
    engine: testEngine(),
    dir,
    env: testEnv(extra.vars),
    onEvent: (event) => events.push(event),
    ...extra,
  };
  await engineInit(run);
  return { run, events, dir };
}

afterEach(async () => {
  await removeWorkdir(dir);
  dir = undefined;
});

describe.skipIf(noTerraform)("engine operations with the real terraform binary", () => {
  it("plans, applies with per-resource progress, converges, and destroys to empty state", async () => {
    const { run, events, dir } = await prepare("progress");
    const plan = await enginePlan(run, { save: true });
    expect(plan.hasChanges).toBe(true);
    expect(plan.counts).toEqual({ add: 3, change: 0, remove: 0, import: 0 });
    expect(plan.changes.map((c) => c.address).sort()).toEqual([
      "terraform_data.first",
      "terraform_data.instant",
      "terraform_data.second",
    ]);

    const applied = await engineApply(run, { planFile: plan.planFile });
    expect(countProgress(applied.tally)).toEqual({
      planned: 0,
      running: 0,
      done: 3,
      failed: 0,
      total: 3,
    });
    const second = applied.tally.resources.get("terraform_data.second");
    expect(second?.elapsedMs).toBeGreaterThanOrEqual(2000);
    expect(second?.elapsedMs).toBeLessThan(4000);
    const starts = events.filter((e) => e.type === "command-start");
    expect(starts.map((e) => e.type === "command-start" && e.commandLine)).toEqual([
      "terraform init -json -input=false",
      "terraform plan -json -input=false -detailed-exitcode -lock-timeout=0s -out=ztlab.tfplan",
      `terraform apply -json -input=false -lock-timeout=0s ${dir}/ztlab.tfplan`,
    ]);
    expect(starts[0]?.type === "command-start" && starts[0].env).toContain("TF_IN_AUTOMATION=1");
    expect(starts[0]?.type === "command-start" && starts[0].env).toContain("CHECKPOINT_DISABLE=1");

    expect((await enginePlan(run)).hasChanges).toBe(false);
    expect(stateList(dir)).toHaveLength(3);
    const destroyed = await engineApply(run, { destroy: true });
    expect(countProgress(destroyed.tally)).toMatchObject({ done: 3, failed: 0 });
    expect(stateList(dir)).toEqual([]);
  });

  it("names the failing resource and fails with exit code 1", async () => {
    const { run } = await prepare("failing");
    const error = await engineApply(run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineFailedError);
    const failure = error as EngineFailedError;
    expect(failure.exitCode).toBe(1);
    expect(failure.code).toBe("engine-failed");
    expect(failure.failedAddresses).toEqual(["terraform_data.breaks"]);
    expect(failure.message).toMatch(/failed with exit code 1 \(failed: terraform_data\.breaks\)$/);
    expect(failure.details).toContain("  resource: terraform_data.breaks");
    expect(failure.details.join("\n")).toContain("exit status 3");
  });

  it("stops cleanly on an interrupt during a provisioner and converges on the next apply", async () => {
    const controller = new AbortController();
    const { run, events, dir } = await prepare("slow", {
      vars: { SLOW_SECONDS: "30" },
      signal: controller.signal,
    });
    const watched: EngineRun = {
      ...run,
      onEvent: (event) => {
        events.push(event);
        if (event.type === "provision-output") controller.abort();
      },
    };
    const started = Date.now();
    const error = await engineApply(watched).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error).toBeInstanceOf(EngineInterruptedError);
    expect(error).toMatchObject({ code: "engine-interrupted", exitCode: 130 });
    expect(events.filter((e) => e.type === "interrupt-sent")).toHaveLength(1);

    // Consistent state: the cut-short resource is recorded (tainted), its dependent never began.
    expect(stateList(dir)).toEqual(["terraform_data.slow"]);
    const again: EngineRun = { ...run, signal: undefined, env: testEnv({ SLOW_SECONDS: "0" }) };
    const plan = await enginePlan(again);
    expect(plan.changes).toContainEqual({
      address: "terraform_data.slow",
      action: "replace",
      reason: "tainted",
    });
    await engineApply(again);
    expect((await enginePlan(again)).hasChanges).toBe(false);
    expect(stateList(dir).sort()).toEqual(["terraform_data.after", "terraform_data.slow"]);
  });

  it("stops at once on a second interrupt and says the state may be incomplete", async () => {
    const interrupt = new AbortController();
    const force = new AbortController();
    const { run, events } = await prepare("slow", {
      vars: { SLOW_SECONDS: "30" },
      signal: interrupt.signal,
      force: force.signal,
    });
    const started = Date.now();
    const error = await engineApply({
      ...run,
      onEvent: (event) => {
        events.push(event);
        if (event.type !== "provision-output") return;
        interrupt.abort();
        force.abort();
      },
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error).toBeInstanceOf(EngineInterruptedError);
    expect(error).toMatchObject({ code: "engine-killed", exitCode: 130 });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["interrupt-sent", "force-sent"]),
    );
  });

  it("reports the state lock clearly when a second apply runs on the same directory", async () => {
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const { run } = await prepare("slow", {
      vars: { SLOW_SECONDS: "30" },
      signal: controller.signal,
    });
    const first = engineApply({
      ...run,
      onEvent: (event) => event.type === "provision-output" && started(),
    }).catch((e: unknown) => e);
    await running;

    const error = await engineApply({ ...run, signal: undefined }).catch((e: unknown) => e);
    controller.abort();
    await first;
    expect(error).toBeInstanceOf(StateLockedError);
    const locked = error as StateLockedError;
    expect(locked.code).toBe("state-locked");
    expect(locked.exitCode).toBe(1);
    expect(locked.message).toBe("apply: the state is locked by another run");
    expect(locked.details).toContain("operation: OperationTypeApply");
    expect(locked.details).toContain("path: terraform.tfstate");
  });

  it("reads outputs with their sensitivity", async () => {
    const { run } = await prepare("outputs");
    await engineApply(run);
    const outputs = await engineOutputs(run);
    expect(outputs.networks).toEqual({ sensitive: false, value: { demolab: "8056c2e21c000001" } });
    expect(outputs.central_token?.sensitive).toBe(true);
    expect(Object.keys(outputs).sort()).toEqual([
      "central_token",
      "identities",
      "networks",
      "nodes",
    ]);
  });

  it("does not start the engine once the run is already interrupted", async () => {
    const controller = new AbortController();
    const { run, events } = await prepare("progress", { signal: controller.signal });
    controller.abort();
    const before = events.length;
    await expect(enginePlan(run)).rejects.toBeInstanceOf(EngineInterruptedError);
    expect(events.length).toBe(before);
  });
});
