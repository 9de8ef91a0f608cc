import { describe, expect, it } from "vitest";
import {
  describeStateLock,
  formatDiagnostic,
  isStateLockDiagnostic,
  type Diagnostic,
} from "../../src/terraform/diagnostics.js";
import { parseEngineLine } from "../../src/terraform/engine-events.js";
import { recordedLines } from "../helpers/engine-workdir.js";

async function firstDiagnostic(file: string): Promise<Diagnostic> {
  for (const line of await recordedLines(`terraform-1.11.4-${file}.ndjson`)) {
    const event = parseEngineLine(line);
    if (event?.type === "diagnostic") return event.diagnostic;
  }
  throw new Error(`no diagnostic in ${file}`);
}

describe("formatDiagnostic", () => {
  it("shows severity and summary first, then resource, location and detail indented", async () => {
    const lines = formatDiagnostic(await firstDiagnostic("apply-failing"));
    expect(lines[0]).toBe("error: local-exec provisioner error");
    expect(lines[1]).toBe("  resource: terraform_data.breaks");
    expect(lines[2]).toBe("  at: main.tf.json:7:88");
    expect(lines.slice(3).join("\n")).toContain("exit status 3. Output: disk on fire");
    expect(lines.every((line, i) => i === 0 || line.startsWith("  "))).toBe(true);
  });

  it("leaves out resource and location when the engine gives none", () => {
    const lines = formatDiagnostic({
      severity: "warning",
      summary: "Deprecated",
      detail: "",
      address: undefined,
      location: undefined,
    });
    expect(lines).toEqual(["warning: Deprecated"]);
  });
});

describe("isStateLockDiagnostic", () => {
  it("recognises the lock error of a second apply and pulls out who holds the lock", async () => {
    const diagnostic = await firstDiagnostic("apply-locked");
    expect(isStateLockDiagnostic(diagnostic)).toBe(true);
    const holder = describeStateLock(diagnostic);
    expect(holder).toContain("id: <lock-id>");
    expect(holder).toContain("path: terraform.tfstate");
    expect(holder).toContain("operation: OperationTypeApply");
    expect(holder.some((line) => line.startsWith("created: "))).toBe(true);
  });

  it("does not take a provisioner error for a lock", async () => {
    expect(isStateLockDiagnostic(await firstDiagnostic("apply-failing"))).toBe(false);
  });
});

describe("formatDiagnostic without address or detail", () => {
  const base: Diagnostic = {
    severity: "error",
    summary: "Invalid reference",
    detail: "",
    address: undefined,
    location: undefined,
  };

  it.each([
    ["a location but no address", { location: "main.tf.json:3:5" }, ["  at: main.tf.json:3:5"]],
    ["an address but no location", { address: "aws_instance.vm" }, ["  resource: aws_instance.vm"]],
    ["only blank detail lines", { detail: "\n   \n\n" }, []],
    [
      "detail with blank lines and trailing space",
      { detail: "first line\n\n  indented  \nlast\n\n" },
      ["  first line", "    indented  ", "  last"],
    ],
  ])("formats a diagnostic with %s", (_name, parts, rest) => {
    expect(formatDiagnostic({ ...base, ...parts })).toEqual(["error: Invalid reference", ...rest]);
  });
});

describe("describeStateLock without lock details", () => {
  it("returns no lines when the detail names no holder or leaves values empty", () => {
    const diagnostic: Diagnostic = {
      severity: "error",
      summary: "Error acquiring the state lock",
      detail: "Lock Info:\n  ID:\n  Info: something\n  Version: 1.11.4",
      address: undefined,
      location: undefined,
    };
    expect(isStateLockDiagnostic(diagnostic)).toBe(true);
    expect(describeStateLock(diagnostic)).toEqual([]);
  });
});
