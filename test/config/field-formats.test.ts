import { describe, expect, it } from "vitest";
import {
  checkDnsDomain,
  checkDnsLabel,
  checkIpv4,
  checkIpv4Cidr,
  checkLinuxUsername,
  checkMemberId,
  checkSshPublicKey,
} from "../../src/config/field-formats.js";
import { PASTED_KEY_HEADER } from "../helpers/pasted-key.js";

const ED25519 =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW alice@example.com";

// A blob whose embedded type is the given name, followed by some key bytes.
function blobOf(type: string, body = Buffer.alloc(36, 7)): string {
  const name = Buffer.from(type, "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, body]).toString("base64");
}

describe("checkSshPublicKey", () => {
  it.each([
    ["an ed25519 key with a comment", ED25519],
    ["an ed25519 key without a comment", ED25519.split(" ").slice(0, 2).join(" ")],
    ["a key with surrounding whitespace", `  ${ED25519}\n`],
    ["an rsa key", `ssh-rsa ${blobOf("ssh-rsa", Buffer.alloc(270, 1))} bob@host`],
    ["an ecdsa key", `ecdsa-sha2-nistp256 ${blobOf("ecdsa-sha2-nistp256")}`],
  ])("accepts %s", (_name, key) => {
    expect(checkSshPublicKey(key)).toBeUndefined();
  });

  it.each([
    ["a pasted private key", `${PASTED_KEY_HEADER}\nb3BlbnNzaC1rZXk=\n`, /private key/],
    ["an empty string", "", /not an OpenSSH public key/],
    ["a key type alone", "ssh-ed25519", /not an OpenSSH public key/],
    ["an unknown key type", `ssh-dss ${blobOf("ssh-dss")}`, /not an OpenSSH public key/],
    ["a blob that is not base64", "ssh-ed25519 not*base64!", /not base64/],
    ["a blob holding another key type", `ssh-ed25519 ${blobOf("ssh-rsa")}`, /does not hold/],
    ["a truncated ed25519 blob", ED25519.slice(0, 60), /truncated/],
    ["two keys on two lines", `${ED25519}\n${ED25519}`, /more than one line/],
    ["an RFC 4716 key", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n", /ssh-keygen -i/],
    [
      "a key with a from= option",
      `from="10.0.0.1" ${ED25519}`,
      /^authorized_keys options .* not allowed here\n/,
    ],
    ["a key with several options", `no-pty,command="x y" ${ED25519}`, /authorized_keys options/],
  ])("rejects %s", (_name, key, reason) => {
    expect(checkSshPublicKey(key)).toMatch(reason);
  });
});

describe("checkMemberId", () => {
  it.each(["a11c3411ce", "0123456789", "fe00000001"])("accepts %s", (id) => {
    expect(checkMemberId(id)).toBeUndefined();
  });

  it.each([
    ["too short", "a11c3411c", /not a ZeroTier node id/],
    ["too long", "a11c3411cee", /not a ZeroTier node id/],
    ["not hex", "a11c3411cg", /not a ZeroTier node id/],
    ["upper case", "A11C3411CE", /lowercase/],
    ["the zero address", "0000000000", /reserved/],
    ["the ff prefix", "ff00000001", /reserved/],
  ])("rejects an id that is %s", (_name, id, reason) => {
    expect(checkMemberId(id)).toMatch(reason);
  });
});

describe("checkDnsLabel", () => {
  it.each(["do", "aws", "node-1", "a", "x".repeat(63), "1a"])("accepts %s", (label) => {
    expect(checkDnsLabel(label)).toBeUndefined();
  });

  it.each([
    ["upper case", "AWS"],
    ["an underscore", "my_node"],
    ["a leading hyphen", "-aws"],
    ["a trailing hyphen", "aws-"],
    ["a dot", "aws.east"],
    ["64 characters", "x".repeat(64)],
    ["nothing", ""],
    ["only digits", "42"],
  ])("rejects a label with %s", (_name, label) => {
    expect(checkDnsLabel(label)).toMatch(/DNS label|all digits/);
  });
});

describe("checkDnsDomain", () => {
  const longest = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");

  it.each(["demo.lab", "lab", "a-1.b2.example", "42.lab", longest])("accepts %s", (name) => {
    expect(checkDnsDomain(name)).toBeUndefined();
  });

  it.each([
    ["a 64-character label", `${"x".repeat(64)}.lab`, /64-character label\nat most 63/],
    ["a 70-character label", `${"x".repeat(70)}.lab`, /70-character label/],
    ["254 characters", `${longest}e`, /254 characters long\nat most 253/],
    ["308 characters", `${Array(44).fill("abcdef").join(".")}x`, /308 characters long/],
    ["an all-digit last label", "123.456", /all-digit label/],
    ["an IPv4 address", "10.0.0.1", /all-digit label/],
    ["an empty label", "demo..lab", /not a DNS domain/],
    ["upper case", "Demo.lab", /not a DNS domain/],
    ["nothing", "", /not a DNS domain/],
  ])("rejects %s", (_name, name, message) => {
    expect(checkDnsDomain(name)).toMatch(message);
  });
});

describe("checkLinuxUsername", () => {
  it.each(["alice", "_svc", "bob-2", "a_b", "x".repeat(32)])("accepts %s", (name) => {
    expect(checkLinuxUsername(name)).toBeUndefined();
  });

  it.each([
    ["upper case", "Alice", /not a Linux user name/],
    ["a leading digit", "1alice", /not a Linux user name/],
    ["a space", "al ice", /not a Linux user name/],
    ["33 characters", "x".repeat(33), /not a Linux user name/],
    ["a system account", "root", /system account/],
    ["the image's default user", "ubuntu", /system account/],
  ])("rejects a name with %s", (_name, name, reason) => {
    expect(checkLinuxUsername(name)).toMatch(reason);
  });
});

describe("checkIpv4 and checkIpv4Cidr", () => {
  it.each(["10.0.0.1", "0.0.0.0", "255.255.255.255"])("accepts the address %s", (ip) => {
    expect(checkIpv4(ip)).toBeUndefined();
  });

  it.each(["10.0.0", "10.0.0.256", "010.0.0.1", "::1", "10.0.0.1/24"])(
    "rejects the address %s",
    (ip) => {
      expect(checkIpv4(ip)).toMatch(/not an IPv4 address/);
    },
  );

  it.each(["10.0.0.0/16", "10.42.1.0/24", "0.0.0.0/0", "10.0.0.1/32"])(
    "accepts the CIDR %s",
    (cidr) => {
      expect(checkIpv4Cidr(cidr)).toBeUndefined();
    },
  );

  it.each(["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/16/1", "10.0.0/16", "10.0.0.0/x"])(
    "rejects the CIDR %s",
    (cidr) => {
      expect(checkIpv4Cidr(cidr)).toMatch(/not an IPv4 CIDR/);
    },
  );
});
