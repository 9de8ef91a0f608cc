// The start of a small lab file shared by CLI tests: network demo.lab and one user, alice.
export const LAB_HEAD = `
network:
  name: demo.lab
users:
  alice:
    username: alice
    ssh_pubkey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com
instances:
`;
