import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderBirdConfig } from "../../src/boot/index.js";
import { referencePlan } from "./reference-boot.js";

const hasBird = (await execa("bird", ["--version"], { reject: false })).exitCode === 0;
const plan = referencePlan();
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ztlab-bird-conf-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("renderBirdConfig", () => {
  it.skipIf(!hasBird).each(plan.nodes.map((node) => [node.name, node] as const))(
    "renders a config bird -p accepts for %s (needs bird2)",
    async (name, node) => {
      const path = join(dir, `${name}.conf`);
      await writeFile(path, renderBirdConfig({ plan, node }));
      const result = await execa("bird", ["-p", "-c", path], { reject: false });
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
    },
  );

  it.skipIf(!hasBird)("is rejected by bird -p when the router id is not an address", async () => {
    const node = { ...plan.nodes[0]!, routerId: "not-an-address" };
    const path = join(dir, "broken.conf");
    await writeFile(path, renderBirdConfig({ plan, node }));
    const result = await execa("bird", ["-p", "-c", path], { reject: false });
    expect(result.exitCode).not.toBe(0);
  });

  it("gives every node its own router id", () => {
    const ids = plan.nodes.map(
      (node) => /router id (\S+);/.exec(renderBirdConfig({ plan, node }))?.[1],
    );
    expect(ids).toEqual(plan.nodes.map((node) => node.routerId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("installs only OSPF external routes in the kernel", () => {
    const config = renderBirdConfig({ plan, node: plan.nodes[0]! });
    expect(config).toContain("export where source ~ [ RTS_OSPF_EXT1, RTS_OSPF_EXT2 ];");
    expect(config).toContain("import none;");
  });
});
