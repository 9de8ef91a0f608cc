import { describe, expect, it } from "vitest";
import {
  checkCredentials,
  hasCloudCredentials,
  missingCredentials,
  type CredentialLookup,
} from "../../src/cli/commands/credential-check.js";
import type { CredentialSpec } from "../../src/clouds/index.js";
import { labSchema } from "../../src/config/index.js";
import { resolvePlan } from "../../src/plan/index.js";

const SPECS: Record<string, CredentialSpec> = {
  aws: {
    anyOf: [["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"], ["AWS_PROFILE"]],
    configFile: "~/.aws/credentials",
    optional: ["AWS_REGION"],
  },
  vultr: { anyOf: [["VULTR_API_KEY"]] },
};

function lookup(env: Record<string, string>, files: string[] = []): CredentialLookup {
  return {
    env: { HOME: "/home/u", ...env },
    spec: (cloud) => SPECS[cloud],
    fileExists: (path) => files.includes(path),
  };
}

function planOf(instances: Record<string, unknown>, creds: CredentialLookup) {
  return resolvePlan(labSchema.parse({ instances }), {
    hasCredentials: (cloud) => hasCloudCredentials(cloud, creds),
  });
}

describe("hasCloudCredentials", () => {
  it.each([
    [{ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" }, [], true],
    [{ AWS_ACCESS_KEY_ID: "a" }, [], false],
    [{ AWS_PROFILE: "lab" }, [], true],
    [{ AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "" }, [], false],
    [{}, ["/home/u/.aws/credentials"], true],
  ])("judges env %j with files %j as %s", (env, files, expected) => {
    expect(hasCloudCredentials("aws", lookup(env, files))).toBe(expected);
  });

  it("is false for a cloud ztlab has no module for", () => {
    expect(hasCloudCredentials("ibm", lookup({ IC_API_KEY: "x" }))).toBe(false);
  });
});

describe("missingCredentials", () => {
  it("lists every missing group per enabled cloud and the ZeroTier token, never values", () => {
    const creds = lookup({ AWS_ACCESS_KEY_ID: "AKIA-visible-value" });
    const plan = planOf({ aws: {}, vul: {} }, creds);
    const error = missingCredentials(plan, checkCredentials(plan, creds));
    expect(error?.exitCode).toBe(2);
    expect(error?.code).toBe("missing-credentials");
    expect(error?.message).toBe("missing credentials for aws, vultr, zerotier; nothing was run");
    expect(error?.details).toEqual([
      "aws (nodes: aws):",
      "  set AWS_SECRET_ACCESS_KEY",
      "  or set AWS_PROFILE",
      "  or create ~/.aws/credentials",
      "vultr (nodes: vul):",
      "  set VULTR_API_KEY",
      "zerotier:",
      "  set ZEROTIER_CENTRAL_TOKEN",
    ]);
    expect(JSON.stringify(error)).not.toContain("AKIA-visible-value");
  });

  it("skips disabled nodes and auto nodes whose cloud has no credentials", () => {
    const creds = lookup({ ZEROTIER_CENTRAL_TOKEN: "t", VULTR_API_KEY: "v" });
    const plan = planOf({ aws: { enabled: "auto" }, vul: {}, eqx: { enabled: false } }, creds);
    expect(plan.nodes.find((n) => n.name === "aws")?.enabled).toBe(false);
    const report = checkCredentials(plan, creds);
    expect(report.ready).toBe(true);
    expect(missingCredentials(plan, report)).toBeUndefined();
    expect(report.clouds.map((c) => [c.cloud, c.ready])).toEqual([
      ["aws", false],
      ["vultr", true],
    ]);
  });
});
