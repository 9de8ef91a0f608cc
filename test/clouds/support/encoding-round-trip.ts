// The first-boot script through a cloud's user-data argument and back, with the real terraform.
import { gunzipSync } from "node:zlib";
import type { UserDataFormat } from "../../../src/clouds/index.js";
import { renderTerraformJson, type TfValue } from "../../../src/terraform/index.js";
import { SECRET_VALUE } from "./lab-fixture.js";
import { applyAndReadOutput } from "./terraform-binary.js";

/**
 * Applies a config whose output is the user-data argument (with `local.secret` defined) and
 * decodes the result the way the VM's cloud-init would.
 */
export function scriptThroughTerraform(
  argument: TfValue,
  encoding: UserDataFormat["encoding"],
): string {
  const config = renderTerraformJson({
    locals: { secret: SECRET_VALUE },
    output: { value: { value: argument } },
  });
  const value = applyAndReadOutput(config);
  if (encoding === "plain") return value;
  const bytes = Buffer.from(value, "base64");
  return (encoding === "base64gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
}
