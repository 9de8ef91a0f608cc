import { describe, expect, it } from "vitest";
import { CLOUD_KINDS, SHORT_KEY_CLOUDS, inferCloud, isCloudKind } from "../../src/config/index.js";
import { CLOUD_DEFAULTS } from "../../src/plan/index.js";

describe("CLOUD_DEFAULTS", () => {
  it("has an entry for every cloud kind and nothing else", () => {
    expect(Object.keys(CLOUD_DEFAULTS).sort()).toEqual([...CLOUD_KINDS].sort());
  });

  it.each(CLOUD_KINDS)("gives %s a title, a region and a size without spaces", (cloud) => {
    const { title, region, size, zone } = CLOUD_DEFAULTS[cloud];
    expect(title.trim()).not.toBe("");
    expect(region).toMatch(/^\S+$/);
    expect(size).toMatch(/^\S+$/);
    if (zone !== undefined) expect(zone).toMatch(/^\S+$/);
  });

  it("gives every cloud its own title", () => {
    const titles = CLOUD_KINDS.map((cloud) => CLOUD_DEFAULTS[cloud].title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe("SHORT_KEY_CLOUDS", () => {
  it("has exactly one short key for every cloud kind", () => {
    const clouds = Object.values(SHORT_KEY_CLOUDS);
    expect([...clouds].sort()).toEqual([...CLOUD_KINDS].sort());
  });

  it.each(Object.entries(SHORT_KEY_CLOUDS))("infers %s as %s", (key, cloud) => {
    expect(isCloudKind(cloud)).toBe(true);
    expect(inferCloud(key, undefined)).toBe(cloud);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "DO", "Aws"])(
    "infers no cloud from the key %s",
    (key) => {
      expect(inferCloud(key, undefined)).toBeUndefined();
    },
  );

  it("prefers an explicit cloud over the one a short key stands for", () => {
    expect(inferCloud("aws", "gcp")).toBe("gcp");
  });
});
