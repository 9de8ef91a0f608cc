import { describe, expect, it } from "vitest";
import { labSchema } from "../../src/config/lab-schema.js";
import { stateBackendBlock } from "../../src/terraform/state-backend.js";

describe("stateBackendBlock", () => {
  it("adds nothing for the default local state", () => {
    const { state } = labSchema.parse({});
    expect(state).toEqual({ backend: "local" });
    expect(stateBackendBlock(state)).toEqual({});
  });

  it("writes the HCP Terraform cloud block with organization and workspace", () => {
    const { state } = labSchema.parse({
      state: { backend: "cloud", organization: "acme", workspace: "demolab" },
    });
    expect(stateBackendBlock(state)).toEqual({
      cloud: { organization: "acme", workspaces: { name: "demolab" } },
    });
  });

  it.each([
    [
      { backend: "s3", bucket: "b", key: "lab.tfstate", region: "eu-west-1", use_lockfile: true },
      { s3: { bucket: "b", key: "lab.tfstate", region: "eu-west-1", use_lockfile: true } },
    ],
    [{ backend: "gcs", bucket: "b", prefix: "lab" }, { gcs: { bucket: "b", prefix: "lab" } }],
    [
      {
        backend: "azurerm",
        resource_group_name: "rg",
        storage_account_name: "sa",
        container_name: "tfstate",
        key: "lab.tfstate",
      },
      {
        azurerm: {
          resource_group_name: "rg",
          storage_account_name: "sa",
          container_name: "tfstate",
          key: "lab.tfstate",
        },
      },
    ],
    [{ backend: "local", path: "state/lab.tfstate" }, { local: { path: "state/lab.tfstate" } }],
  ])("writes the backend block of %j", (input, backend) => {
    const { state } = labSchema.parse({ state: input });
    expect(stateBackendBlock(state)).toEqual({ backend });
  });

  it("rejects a secret setting in the lab file: backends take credentials from the environment", () => {
    const result = labSchema.safeParse({
      state: { backend: "s3", bucket: "b", key: "k", region: "r", secret_key: "x" },
    });
    expect(result.success).toBe(false);
  });
});

describe("stateBackendBlock optional settings", () => {
  it("adds hostname and project to the cloud block when given", () => {
    expect(
      stateBackendBlock({
        backend: "cloud",
        organization: "acme",
        workspace: "lab",
        hostname: "tfe.example.com",
        project: "labs",
      }),
    ).toEqual({
      cloud: {
        organization: "acme",
        hostname: "tfe.example.com",
        workspaces: { name: "lab", project: "labs" },
      },
    });
  });

  it("leaves out settings given as undefined instead of writing them empty", () => {
    const block = stateBackendBlock({
      backend: "s3",
      bucket: "b",
      key: "k",
      region: "r",
      dynamodb_table: undefined,
      use_lockfile: false,
      encrypt: undefined,
    });
    expect(block).toEqual({
      backend: { s3: { bucket: "b", key: "k", region: "r", use_lockfile: false } },
    });
    expect(Object.keys(block.backend?.s3 ?? {})).toEqual([
      "bucket",
      "key",
      "region",
      "use_lockfile",
    ]);
  });

  it("adds nothing for local state whose path is undefined", () => {
    expect(stateBackendBlock({ backend: "local", path: undefined })).toEqual({});
  });
});
