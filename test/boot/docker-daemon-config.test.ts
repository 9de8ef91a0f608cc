import { describe, expect, it } from "vitest";
import { renderDockerDaemonConfig } from "../../src/boot/index.js";
import { planNode, referencePlan } from "./reference-boot.js";

describe("renderDockerDaemonConfig", () => {
  it("puts the bridge on the CIDR's first host and containers in the CIDR and the /80", () => {
    const node = planNode(referencePlan(), "oci");
    const text = renderDockerDaemonConfig({ node, fixedCidrV6: "fc5d:214d:b101:2345:6789::/80" });
    expect(JSON.parse(text)).toEqual({
      bip: "10.42.5.1/24",
      "fixed-cidr": "10.42.5.0/24",
      "fixed-cidr-v6": "fc5d:214d:b101:2345:6789::/80",
      ipv6: true,
    });
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("leaves a shell expansion in the IPv6 range untouched for the script to fill", () => {
    const node = planNode(referencePlan(), "do");
    const text = renderDockerDaemonConfig({ node, fixedCidrV6: "${ZT_SIXPLANE_PREFIX80}" });
    expect(text).toContain('"fixed-cidr-v6": "${ZT_SIXPLANE_PREFIX80}"');
  });
});
