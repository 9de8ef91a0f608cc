import { describe, expect, it } from "vitest";
import {
  identityAddress,
  NETWORK,
  nodeMemberAddress,
  TOKEN,
} from "../../src/synth/zerotier-addresses.js";

// Published walkthroughs target these addresses by name; they must never drift.
describe("zerotier addresses", () => {
  it("keeps the reference lab's network and token addresses", () => {
    expect(NETWORK).toBe("zerotier_network.demolab");
    expect(TOKEN).toBe("zerotier_token.this");
  });

  it.each([
    ["do", 'zerotier_identity.instances["do"]', 'zerotier_member.instances["do"]'],
    ["web-1", 'zerotier_identity.instances["web-1"]', 'zerotier_member.instances["web-1"]'],
    ["1st", 'zerotier_identity.instances["1st"]', 'zerotier_member.instances["1st"]'],
  ])("addresses node %j's identity as %s and member as %s", (node, identity, member) => {
    expect(identityAddress(node)).toBe(identity);
    expect(nodeMemberAddress(node)).toBe(member);
  });
});
