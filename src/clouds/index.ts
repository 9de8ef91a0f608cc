// One module per cloud: the provider it needs and the resources of one node on it.
// Credentials never enter these resources; providers read them from the environment.
export type {
  CloudModule,
  CredentialSpec,
  LabResourcesInput,
  NodeResourcesInput,
  UserDataFormat,
} from "./cloud-module.js";
export { cloudModule, CLOUD_MODULES } from "./cloud-registry.js";
export { digitaloceanModule } from "./digitalocean.js";
export { awsModule } from "./aws.js";
export { gcpModule } from "./gcp.js";
export { azureModule } from "./azure.js";
export { ociModule } from "./oci.js";
export { ibmModule } from "./ibm.js";
export { vultrModule } from "./vultr.js";
export { alibabaModule } from "./alibaba.js";
export { hetznerModule } from "./hetzner.js";
export { linodeModule } from "./linode.js";
export { checkUserDataSize, encodedUserDataSize } from "./user-data-size.js";
export { encodeUserData } from "./user-data-encoding.js";
