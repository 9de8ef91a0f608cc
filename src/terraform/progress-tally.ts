import type { ResourceAction } from "./engine-events.js";
import type { ProgressEvent } from "./engine-runner.js";

export type ResourceState = "planned" | "running" | "done" | "failed";

export interface ResourceProgress {
  address: string;
  action: ResourceAction;
  state: ResourceState;
  /** Engine timestamps in milliseconds. */
  startedAt: number | undefined;
  endedAt: number | undefined;
  /** Time from start to end by the engine's clock; the engine's own whole seconds if no start. */
  elapsedMs: number | undefined;
}

export interface ProgressCounts {
  planned: number;
  running: number;
  done: number;
  failed: number;
  total: number;
}

/** Running totals of one apply or destroy, folded from its events in order. */
export interface ProgressTally {
  resources: Map<string, ResourceProgress>;
  firstAt: number | undefined;
  lastAt: number | undefined;
}

export function createProgressTally(): ProgressTally {
  return { resources: new Map(), firstAt: undefined, lastAt: undefined };
}

/** Folds one event into the tally; events that do not move a resource are ignored. */
export function recordEvent(tally: ProgressTally, event: ProgressEvent): void {
  if (!("at" in event) || event.type === "command-start") return;
  if (event.at > 0) {
    tally.firstAt ??= event.at;
    tally.lastAt = event.at;
  }
  switch (event.type) {
    case "planned-change":
      if (event.action !== "noop") entry(tally, event.address, event.action);
      return;
    case "apply-start": {
      // A replacement starts twice (delete, then create); its time runs from the first start.
      const resource = entry(tally, event.address, event.action);
      resource.state = "running";
      resource.startedAt ??= event.at;
      return;
    }
    case "apply-complete":
    case "apply-errored": {
      const resource = entry(tally, event.address, event.action);
      resource.state = event.type === "apply-complete" ? "done" : "failed";
      resource.endedAt = event.at;
      resource.elapsedMs =
        resource.startedAt === undefined ? event.elapsed * 1000 : event.at - resource.startedAt;
      return;
    }
    default:
      return;
  }
}

export function countProgress(tally: ProgressTally): ProgressCounts {
  const counts: ProgressCounts = { planned: 0, running: 0, done: 0, failed: 0, total: 0 };
  for (const resource of tally.resources.values()) {
    counts[resource.state] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Resources that failed, in the order they were first seen. */
export function failedResources(tally: ProgressTally): ResourceProgress[] {
  return [...tally.resources.values()].filter((resource) => resource.state === "failed");
}

function entry(tally: ProgressTally, address: string, action: ResourceAction): ResourceProgress {
  let resource = tally.resources.get(address);
  if (resource === undefined) {
    resource = {
      address,
      action,
      state: "planned",
      startedAt: undefined,
      endedAt: undefined,
      elapsedMs: undefined,
    };
    tally.resources.set(address, resource);
  }
  if (resource.action !== "replace") resource.action = action;
  return resource;
}
