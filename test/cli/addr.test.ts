import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MemberAddressing } from "../../src/zerotier/index.js";
import { runZtlab } from "../helpers/cli-run.js";

const { vectors } = JSON.parse(
  readFileSync(new URL("../fixtures/zerotier/addressing-vectors.json", import.meta.url), "utf8"),
) as { vectors: MemberAddressing[] };

describe("ztlab addr", () => {
  it.each(vectors.map((v) => [v.networkId, v.nodeId, v] as const))(
    "prints the vector of %s / %s as JSON",
    async (networkId, nodeId, vector) => {
      const run = await runZtlab(["addr", networkId, nodeId, "--json"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(vector);
    },
  );

  it("prints labelled lines on a terminal-less stdout", async () => {
    const run = await runZtlab(["addr", "8bd5124fd6f45ffe", "deadbeef01"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "network      8bd5124fd6f45ffe
      node         deadbeef01
      interface    ztyqb6mebi
      mac          fe:81:59:68:a0:13
      rfc4193      fd8b:d512:4fd6:f45f:fe99:93de:adbe:ef01
      rfc4193 /88  fd8b:d512:4fd6:f45f:fe99:9300::/88
      6plane       fc5d:214d:b1de:adbe:ef01::1
      6plane /80   fc5d:214d:b1de:adbe:ef01::/80
      "
    `);
  });

  it("exits 2 with the id named when the node id is malformed", async () => {
    const run = await runZtlab(["addr", "8bd5124fd6f45ffe", "xyz"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"xyz" is not a ZeroTier node id');
  });
});
