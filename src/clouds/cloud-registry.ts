import type { CloudKind } from "../config/index.js";
import type { CloudModule } from "./cloud-module.js";
import { digitaloceanModule } from "./digitalocean.js";
import { awsModule } from "./aws.js";
import { gcpModule } from "./gcp.js";
import { azureModule } from "./azure.js";
import { ociModule } from "./oci.js";
import { ibmModule } from "./ibm.js";
import { vultrModule } from "./vultr.js";
import { alibabaModule } from "./alibaba.js";
import { hetznerModule } from "./hetzner.js";
import { linodeModule } from "./linode.js";

/** Every cloud ztlab can synthesize a node for; a cloud missing here is "not supported yet". */
export const CLOUD_MODULES: Readonly<Partial<Record<CloudKind, CloudModule>>> = {
  digitalocean: digitaloceanModule,
  aws: awsModule,
  gcp: gcpModule,
  azure: azureModule,
  oci: ociModule,
  ibm: ibmModule,
  vultr: vultrModule,
  alibaba: alibabaModule,
  hetzner: hetznerModule,
  linode: linodeModule,
};

/** The module of a cloud, or undefined when ztlab cannot build nodes there yet. */
export function cloudModule(kind: CloudKind): CloudModule | undefined {
  return CLOUD_MODULES[kind];
}
