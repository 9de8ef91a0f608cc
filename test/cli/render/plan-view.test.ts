import { describe, expect, it } from "vitest";
import { planJson, renderPlan } from "../../../src/cli/render/plan-view.js";
import { validateLab } from "../../../src/config/index.js";
import { resolvePlan } from "../../../src/plan/index.js";

const KEY_BODY = "AAAAC3NzaC1lZDI1NTE5AAAAINuh40k59EVgFNbiq5+tyVv8UIK6eV4vKQ7XW340Jiii";
const BARE_BODY = "AAAAC3NzaC1lZDI1NTE5AAAAIPptuulXUx906g74lt1mzcSS9BF0KvSkZzwG8KXM6WDd";

function planOf(lab: Record<string, unknown>) {
  return resolvePlan(validateLab({ network: { name: "demo.lab" }, ...lab }, { source: "test" }));
}

describe("renderPlan", () => {
  it("says so when the lab has no devices and no users", () => {
    const text = renderPlan(planOf({ instances: { do: {} } }));
    expect(text.endsWith("\nno devices\n\nno users\n")).toBe(true);
  });

  it("counts only enabled nodes and shows a region with its zone", () => {
    const text = renderPlan(planOf({ instances: { do: {}, aws: { enabled: false } } }));
    const lines = text.split("\n");
    expect(lines[1]).toBe("1 of 2 nodes enabled");
    expect(lines.find((line) => line.startsWith("aws "))).toMatch(
      /^aws +aws +us-east-1 \(us-east-1a\) +\S+ +no +/,
    );
  });

  it.each([
    [
      "a comment of several words",
      `ssh-ed25519 ${KEY_BODY} carol laptop key`,
      "ssh-ed25519 carol laptop key",
    ],
    ["no comment", `ssh-ed25519 ${BARE_BODY}`, "ssh-ed25519"],
  ])("shows a user's key type and %s without the key itself", (_name, key, shown) => {
    const text = renderPlan(
      planOf({ instances: { do: {} }, users: { carol: { username: "carol", ssh_pubkey: key } } }),
    );
    expect(text).toMatch(new RegExp(`\\ncarol +${shown.replace(/\./g, "\\.")}\\n`));
    expect(text).not.toContain(KEY_BODY);
    expect(text).not.toContain(BARE_BODY);
  });
});

describe("planJson", () => {
  it("gives null, never undefined, for absent zone, image and other optional fields", () => {
    const doc = planJson(planOf({ instances: { do: {} } }));
    const node = doc.nodes[0];
    expect(node).toMatchObject({ name: "do", zone: null, image: null });
    expect(Object.keys(node ?? {})).toContain("zone");
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
  });

  it("keeps the whole public key of a user, which the table leaves out", () => {
    const key = `ssh-ed25519 ${KEY_BODY} carol laptop key`;
    const doc = planJson(
      planOf({ instances: { do: {} }, users: { carol: { username: "carol", ssh_pubkey: key } } }),
    );
    expect(doc.users).toEqual([{ key: "carol", username: "carol", ssh_pubkey: key }]);
  });
});
