// The first line of an OpenSSH private key, built at run time so no key-looking text is committed.
export const PASTED_KEY_HEADER = ["-----BEGIN", "OPENSSH", "PRIVATE", "KEY-----"].join(" ");
