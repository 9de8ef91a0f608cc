import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REFERENCE_LAB, labJsonSchema } from "../../src/config/index.js";
import {
  checkDnsDomain,
  checkDnsLabel,
  checkIpv4,
  checkIpv4Cidr,
  checkLinuxUsername,
  checkMemberId,
  checkSshPublicKey,
} from "../../src/config/field-formats.js";
import { FORMAT_PATTERNS } from "../../src/config/format-patterns.js";

const KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIERB/hbOy2wVdLRBl6HiCtksSwJ4JHhux+6PfVel2eRW a@example.com";

describe("labJsonSchema", () => {
  const schema = labJsonSchema();
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

  it("is a draft 2020-12 schema that a strict validator compiles", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("ztlab lab file");
    expect(typeof validate).toBe("function");
  });

  it("accepts the reference lab and an empty lab", () => {
    expect(validate(REFERENCE_LAB), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it.each([
    ["an unknown top-level key", { instance: {} }],
    ["an unknown instance key", { instances: { aws: { ip_asignment: "10.0.2.1" } } }],
    ["an unknown cloud", { instances: { web: { cloud: "eqinix" } } }],
    ["enabled neither boolean nor auto", { instances: { do: { enabled: "yes" } } }],
    ["a device without member_id", { devices: { laptop: { description: "x" } } }],
    ["an unknown flow-rules mode", { network: { flow_rules: { mode: "copy" } } }],
    ["an instance key with upper case", { instances: { My_Node: { cloud: "aws" } } }],
    ["an all-digit device key", { devices: { "42": { member_id: "a11c3411ce" } } }],
    ["a user key with a dot", { users: { "a.b": { username: "alice", ssh_pubkey: KEY } } }],
    ["a member_id of 8 digits", { devices: { laptop: { member_id: "a11c3411" } } }],
    ["a reserved member_id", { devices: { laptop: { member_id: "ff11c3411c" } } }],
    ["a username with a space", { users: { alice: { username: "Alice S", ssh_pubkey: KEY } } }],
    ["a system account as username", { users: { r: { username: "root", ssh_pubkey: KEY } } }],
    ["a 70-character label in network.name", { network: { name: `${"x".repeat(70)}.lab` } }],
    ["an all-digit network.name", { network: { name: "123.456" } }],
    [
      "an ssh_pubkey with options",
      { users: { a: { username: "alice", ssh_pubkey: `from="x" ${KEY}` } } },
    ],
    ["an IPv4 address with a 256", { instances: { do: { ip_assignment: "10.0.256.1" } } }],
    ["a CIDR with /33", { instances: { do: { pod_cidr: "10.42.1.0/33" } } }],
  ])("rejects %s", (_name, lab) => {
    expect(validate(lab)).toBe(false);
  });

  it("describes fields for editor completion", () => {
    const text = JSON.stringify(schema);
    expect(text).toContain("Run zeronsd on this node");
    expect(text).toContain("OpenSSH public key");
  });
});

describe("FORMAT_PATTERNS", () => {
  // Each pattern is checked against its field check on values on both sides of every rule.
  const long = (n: number) => "x".repeat(n);
  it.each<[keyof typeof FORMAT_PATTERNS, (value: string) => string | undefined, string[]]>([
    [
      "dnsLabel",
      checkDnsLabel,
      ["do", "a", "1a", "a-1", long(63), long(64), "42", "A", "-a", "a-", "a.b", ""],
    ],
    [
      "dnsDomain",
      checkDnsDomain,
      [
        "demo.lab",
        "lab",
        "42.lab",
        "123.456",
        "lab.9",
        "a..b",
        ".a",
        "a.",
        "",
        `${long(63)}.x`,
        `${long(64)}.x`,
        [long(63), long(63), long(63), long(61)].join("."),
        [long(63), long(63), long(63), long(62)].join("."),
        "Demo.lab",
      ],
    ],
    [
      "memberId",
      checkMemberId,
      [
        "a11c3411ce",
        "0000000000",
        "ff11c3411c",
        "f011c3411c",
        "A11C3411CE",
        "a11c3411c",
        "a11c3411cee",
      ],
    ],
    [
      "linuxUsername",
      checkLinuxUsername,
      [
        "alice",
        "_svc",
        "bob-2",
        long(32),
        long(33),
        "root",
        "ubuntu",
        "www-data",
        "www-datax",
        "Alice",
        "1bob",
        "",
      ],
    ],
    [
      "ipv4",
      checkIpv4,
      [
        "10.0.0.1",
        "255.255.255.255",
        "0.0.0.0",
        "256.0.0.1",
        "01.2.3.4",
        "1.2.3",
        "1.2.3.4.5",
        " 1.2.3.4",
      ],
    ],
    [
      "ipv4Cidr",
      checkIpv4Cidr,
      [
        "10.42.1.0/24",
        "10.0.0.0/8",
        "10.0.0.0/08",
        "0.0.0.0/0",
        "1.2.3.4/32",
        "1.2.3.4/33",
        "1.2.3.4",
        "1.2.3.4/",
        "1.2.3.4/24/1",
        "1.2.3.4/123",
      ],
    ],
    [
      "sshPublicKey",
      checkSshPublicKey,
      [
        KEY,
        KEY.split(" ").slice(0, 2).join(" "),
        `  ${KEY}\n`,
        `from="10.0.0.1" ${KEY}`,
        `no-pty ${KEY}`,
        "ssh-ed25519",
        "hunter2",
        "",
      ],
    ],
  ])("%s agrees with its check", (name, check, values) => {
    const pattern = new RegExp(FORMAT_PATTERNS[name], "u");
    for (const value of values) {
      expect(pattern.test(value), JSON.stringify(value)).toBe(check(value) === undefined);
    }
  });
});
