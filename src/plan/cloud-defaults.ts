import type { CloudKind } from "../config/index.js";

export interface CloudDefaults {
  /** Name people know the cloud by, for tables and messages. */
  title: string;
  region: string;
  zone?: string;
  size: string;
}

// Small x86 sizes on purpose: the first-boot script installs amd64 packages.
// Values follow shared/reference/clouds.md (summary table); us-east1 has no zone "a".
export const CLOUD_DEFAULTS: Readonly<Record<CloudKind, CloudDefaults>> = {
  digitalocean: { title: "DigitalOcean", region: "nyc1", size: "s-1vcpu-1gb" },
  aws: { title: "AWS", region: "us-east-1", zone: "us-east-1a", size: "t3.micro" },
  gcp: { title: "Google Cloud", region: "us-east1", zone: "us-east1-b", size: "e2-micro" },
  azure: { title: "Azure", region: "eastus", size: "Standard_B2ats_v2" },
  oci: { title: "Oracle Cloud", region: "us-ashburn-1", size: "VM.Standard.E2.1.Micro" },
  ibm: { title: "IBM Cloud", region: "us-east", zone: "us-east-1", size: "cx2-2x4" },
  vultr: { title: "Vultr", region: "ewr", size: "vc2-1c-1gb" },
  alibaba: {
    title: "Alibaba Cloud",
    region: "us-east-1",
    zone: "us-east-1a",
    size: "ecs.t6-c1m1.large",
  },
  equinix: { title: "Equinix Metal (retired)", region: "dc", size: "c3.small.x86" },
  hetzner: { title: "Hetzner Cloud", region: "nbg1", size: "cx23" },
  linode: { title: "Akamai (Linode)", region: "us-east", size: "g6-nanode-1" },
};
