import { z } from "zod";
import type { Diagnostic } from "./diagnostics.js";

/** What Terraform plans or does to a resource (`action` in its `-json` UI stream). */
export type ResourceAction =
  | "create"
  | "read"
  | "update"
  | "replace"
  | "delete"
  | "noop"
  | "move"
  | "remove"
  | "import"
  | "forget";

export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
  import: number;
}

/**
 * One line of the engine's machine-readable UI stream, typed. `at` is the line's own timestamp in
 * milliseconds, so elapsed times come from the engine's clock, not from when we read the pipe.
 */
export type EngineEvent =
  | { type: "version"; at: number; version: string }
  | { type: "planned-change"; at: number; address: string; action: ResourceAction; reason?: string }
  | { type: "resource-drift"; at: number; address: string; action: ResourceAction }
  | { type: "change-summary"; at: number; operation: string; changes: ChangeCounts }
  | { type: "apply-start"; at: number; address: string; action: ResourceAction }
  | { type: "apply-progress"; at: number; address: string; action: ResourceAction; elapsed: number }
  | { type: "apply-complete"; at: number; address: string; action: ResourceAction; elapsed: number }
  | { type: "apply-errored"; at: number; address: string; action: ResourceAction; elapsed: number }
  | { type: "provision-output"; at: number; address: string; output: string }
  | { type: "diagnostic"; at: number; diagnostic: Diagnostic }
  | { type: "log"; at: number; message: string }
  /** A line that is not JSON (text modes, or noise the engine wrote before its stream). */
  | { type: "text"; line: string };

const resourceSchema = z.object({ addr: z.string() });
const actionSchema = z.string().transform((value) => value as ResourceAction);

const lineSchema = z.looseObject({
  type: z.string(),
  "@message": z.string().default(""),
  "@timestamp": z.string().optional(),
  terraform: z.string().optional(),
  tofu: z.string().optional(),
  change: z
    .object({ resource: resourceSchema, action: actionSchema, reason: z.string().optional() })
    .optional(),
  hook: z
    .object({
      resource: resourceSchema,
      action: actionSchema.optional(),
      elapsed_seconds: z.number().optional(),
      output: z.string().optional(),
    })
    .optional(),
  changes: z
    .object({
      add: z.number(),
      change: z.number(),
      remove: z.number(),
      import: z.number().default(0),
      operation: z.string().default("plan"),
    })
    .optional(),
  diagnostic: z
    .object({
      severity: z.enum(["error", "warning"]),
      summary: z.string(),
      detail: z.string().default(""),
      address: z.string().optional(),
      range: z
        .object({
          filename: z.string(),
          start: z.object({ line: z.number(), column: z.number() }),
        })
        .optional(),
    })
    .optional(),
});

type EngineLine = z.output<typeof lineSchema>;

/** Parses one line of a `-json` stream; lines that are not engine JSON become `text` events. */
export function parseEngineLine(line: string): EngineEvent | undefined {
  if (line.trim() === "") return undefined;
  const parsed = lineSchema.safeParse(parseJson(line));
  if (!parsed.success) return { type: "text", line };
  return toEvent(parsed.data) ?? undefined;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function toEvent(line: EngineLine): EngineEvent | undefined {
  const at = line["@timestamp"] === undefined ? 0 : Date.parse(line["@timestamp"]);
  const { change, hook } = line;
  switch (line.type) {
    case "version":
      return { type: "version", at, version: line.tofu ?? line.terraform ?? "" };
    case "planned_change":
    case "resource_drift":
      if (change === undefined) return undefined;
      return line.type === "planned_change"
        ? {
            type: "planned-change",
            at,
            address: change.resource.addr,
            action: change.action,
            ...(change.reason === undefined ? {} : { reason: change.reason }),
          }
        : { type: "resource-drift", at, address: change.resource.addr, action: change.action };
    case "change_summary":
      if (line.changes === undefined) return undefined;
      return {
        type: "change-summary",
        at,
        operation: line.changes.operation,
        changes: {
          add: line.changes.add,
          change: line.changes.change,
          remove: line.changes.remove,
          import: line.changes.import,
        },
      };
    case "apply_start":
    case "apply_progress":
    case "apply_complete":
    case "apply_errored":
      return hook === undefined ? undefined : hookEvent(line.type, at, hook);
    case "provision_progress":
      if (hook?.output === undefined) return undefined;
      return { type: "provision-output", at, address: hook.resource.addr, output: hook.output };
    case "diagnostic":
      return line.diagnostic === undefined
        ? undefined
        : { type: "diagnostic", at, diagnostic: toDiagnostic(line.diagnostic) };
    case "log":
      return { type: "log", at, message: line["@message"] };
    default:
      return undefined;
  }
}

function hookEvent(
  kind: "apply_start" | "apply_progress" | "apply_complete" | "apply_errored",
  at: number,
  hook: NonNullable<EngineLine["hook"]>,
): EngineEvent {
  const address = hook.resource.addr;
  const action = hook.action ?? "update";
  if (kind === "apply_start") return { type: "apply-start", at, address, action };
  const elapsed = hook.elapsed_seconds ?? 0;
  if (kind === "apply_progress") return { type: "apply-progress", at, address, action, elapsed };
  if (kind === "apply_complete") return { type: "apply-complete", at, address, action, elapsed };
  return { type: "apply-errored", at, address, action, elapsed };
}

function toDiagnostic(raw: NonNullable<EngineLine["diagnostic"]>): Diagnostic {
  const { range } = raw;
  return {
    severity: raw.severity,
    summary: raw.summary,
    detail: raw.detail,
    address: raw.address,
    location:
      range === undefined
        ? undefined
        : `${range.filename}:${range.start.line}:${range.start.column}`,
  };
}
