import type { LabInput } from "./lab-schema.js";

const ALICE_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com";
const BOB_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFUbMHLnHctahVLslguSikJr0z5hhHbEA03ZAZBmVe5 bob@example.com";

/**
 * The published multicloud demolab: network demo.lab, nine nodes, two users, two devices.
 * Equinix Metal is retired, so `eqx` is listed but disabled.
 */
export const REFERENCE_LAB: LabInput = {
  network: {
    name: "demo.lab",
    description: "ZeroTier Terraform Demolab",
    route: "10.0.0.0/16",
    assignment_pool: { start: "10.0.0.1", end: "10.0.0.254" },
    assign_ipv6: { zerotier: true, sixplane: true, rfc4193: true },
    flow_rules: { mode: "off", tap: "do", drop_non_ip: false },
  },
  users: {
    alice: { username: "alice", ssh_pubkey: ALICE_KEY },
    bob: { username: "bob", ssh_pubkey: BOB_KEY },
  },
  devices: {
    laptop: { member_id: "a11c3411ce", description: "alice laptop" },
    workstation: { member_id: "b0bd0bb0bb", description: "bob's desktop" },
  },
  instances: {
    do: { description: "DigitalOcean", ip_assignment: "10.0.1.1", enabled: true },
    aws: { description: "Amazon Web Services", ip_assignment: "10.0.2.1", enabled: true },
    gcp: { description: "Google Compute Platform", ip_assignment: "10.0.3.1", enabled: true },
    azu: { description: "Microsoft Azure", ip_assignment: "10.0.4.1", enabled: true },
    oci: { description: "Oracle Cloud Infrastructure", ip_assignment: "10.0.5.1", enabled: true },
    ibm: { description: "IBM Cloud", ip_assignment: "10.0.6.1", enabled: true },
    vul: { description: "Vultr", ip_assignment: "10.0.7.1", enabled: true },
    ali: { description: "Alibaba Cloud", ip_assignment: "10.0.8.1", enabled: true },
    eqx: { description: "Equinix Metal", ip_assignment: "10.0.9.1", enabled: false },
  },
};
