import { describe, expect, it } from "vitest";
import { formatZtlabError } from "../../src/cli/report-error.js";
import { InputError, ValidationError } from "../../src/errors/index.js";

describe("formatZtlabError", () => {
  it("puts a single problem's path and rule first, then where, then the hint", () => {
    const error = new ValidationError(
      [
        {
          path: "instances.gcp.pod_cidr",
          message: "10.42.2.0/24 overlaps instances.aws.pod_cidr",
          hint: "give each node its own /24 inside 10.42.0.0/16",
          line: 7,
          column: 15,
        },
      ],
      { source: "/home/me/lab/ztlab.yaml" },
    );
    expect(formatZtlabError(error, { cwd: "/home/me/lab" })).toBe(
      [
        "error: instances.gcp.pod_cidr: 10.42.2.0/24 overlaps instances.aws.pod_cidr",
        "  at ztlab.yaml:7:15",
        "  hint: give each node its own /24 inside 10.42.0.0/16",
        "",
      ].join("\n"),
    );
  });

  it("lists several problems under a count, each with its position and hint", () => {
    const error = new ValidationError(
      [
        {
          path: "network.nmae",
          message: "unknown key",
          hint: "allowed here: name",
          line: 2,
          column: 3,
        },
        { path: "instances.eqx.enabled", message: "Equinix Metal shut down on 2026-06-30" },
      ],
      { source: "/srv/labs/ztlab.yaml" },
    );
    expect(formatZtlabError(error, { cwd: "/home/me" })).toBe(
      [
        "error: 2 problems in /srv/labs/ztlab.yaml",
        "  /srv/labs/ztlab.yaml:2:3: network.nmae: unknown key",
        "    hint: allowed here: name",
        "  instances.eqx.enabled: Equinix Metal shut down on 2026-06-30",
        "",
      ].join("\n"),
    );
  });

  it("names the source of a problem without a position", () => {
    const error = new ValidationError([{ path: "instances.eqx.enabled", message: "retired" }], {
      source: "built-in reference lab",
    });
    expect(formatZtlabError(error)).toBe(
      "error: instances.eqx.enabled: retired\n  in built-in reference lab\n",
    );
  });

  it("indents details and the hint of other errors", () => {
    const error = new InputError("cannot read lab.yaml", {
      code: "lab-file-unreadable",
      details: ["EACCES: permission denied"],
      hint: "check the file's mode",
    });
    expect(formatZtlabError(error)).toBe(
      "error: cannot read lab.yaml\n  EACCES: permission denied\n  hint: check the file's mode\n",
    );
  });
});
