// The first-boot script in the form a cloud's user-data argument takes. Encoding happens inside
// Terraform (base64encode / base64gzip), because the script holds values that exist only in state.
import { hclQuotedTemplate, tfExpr, type TfTemplate, type TfValue } from "../terraform/index.js";
import type { UserDataFormat } from "./cloud-module.js";

const FUNCTIONS: Readonly<Record<Exclude<UserDataFormat["encoding"], "plain">, string>> = {
  base64: "base64encode",
  base64gzip: "base64gzip",
};

/** The value of a user-data argument: the template as is, or a Terraform call encoding it. */
export function encodeUserData(
  template: TfTemplate,
  encoding: UserDataFormat["encoding"],
): TfValue {
  if (encoding === "plain") return template;
  return tfExpr(`${FUNCTIONS[encoding]}(${hclQuotedTemplate(template)})`);
}
