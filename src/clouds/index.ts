// One module per cloud: the provider it needs and the resources of one node on it.
// Credentials never enter these resources; providers read them from the environment.
export type {
  CloudModule,
  CredentialSpec,
  NodeResourcesInput,
  UserDataFormat,
} from "./cloud-module.js";
