import type { TfBody, TfDocument } from "./terraform-model.js";

/** Where state lives; the lab file's `state` key has this shape. Only non-secret settings. */
export type StateBackendSetting =
  | { backend: "local"; path?: string | undefined }
  | {
      backend: "cloud";
      organization: string;
      workspace: string;
      hostname?: string | undefined;
      project?: string | undefined;
    }
  | {
      backend: "s3";
      bucket: string;
      key: string;
      region: string;
      dynamodb_table?: string | undefined;
      use_lockfile?: boolean | undefined;
      encrypt?: boolean | undefined;
    }
  | { backend: "gcs"; bucket: string; prefix?: string | undefined }
  | {
      backend: "azurerm";
      resource_group_name: string;
      storage_account_name: string;
      container_name: string;
      key: string;
    };

export type StateBlock = Pick<NonNullable<TfDocument["terraform"]>, "backend" | "cloud">;

/**
 * The `backend` or `cloud` entries of the root `terraform` block for a state setting. Local state
 * without a path adds nothing: Terraform's embedded default keeps terraform.tfstate beside the
 * configuration. Credentials are never written; each backend reads them from the environment.
 */
export function stateBackendBlock(setting: StateBackendSetting): StateBlock {
  if (setting.backend === "cloud") {
    const workspaces: TfBody = { name: setting.workspace, project: setting.project };
    return {
      cloud: dropUndefined({
        organization: setting.organization,
        hostname: setting.hostname,
        workspaces: dropUndefined(workspaces),
      }),
    };
  }
  if (setting.backend === "local" && setting.path === undefined) return {};
  const { backend, ...settings } = setting;
  return { backend: { [backend]: dropUndefined(settings) } };
}

function dropUndefined(body: TfBody): TfBody {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
