import { describe, expect, it } from "vitest";
import { resourceAddress } from "../../src/terraform/index.js";

describe("resourceAddress", () => {
  it.each([
    [["aws_instance", "do_vm"], "aws_instance.do_vm"],
    [["zerotier_member", "instances", "do"], 'zerotier_member.instances["do"]'],
    [["zerotier_member", "instances", "web-1"], 'zerotier_member.instances["web-1"]'],
    [["zerotier_member", "instances", "1st"], 'zerotier_member.instances["1st"]'],
    [["t", "n", ""], 't.n[""]'],
    [["t", "n", 'a"b\\c'], 't.n["a\\"b\\\\c"]'],
  ] as [[string, string, string?], string][])("writes %j as %s", ([type, name, key], address) => {
    expect(resourceAddress(type, name, key)).toBe(address);
  });
});
