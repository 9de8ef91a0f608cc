import { describe, expect, it } from "vitest";
import { engineEnvironment, isEngineSetting } from "../../src/terraform/engine-env.js";

describe("engineEnvironment", () => {
  it("turns off input and the update check, and drops settings that change the streams", () => {
    const env = engineEnvironment({
      PATH: "/usr/bin",
      CHECKPOINT_DISABLE: "",
      TF_LOG: "TRACE",
      TF_CLI_ARGS_plan: "-no-color",
      UNSET: undefined,
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    });
  });

  it("lists the update-check switch among the settings --verbose shows", () => {
    expect(isEngineSetting("CHECKPOINT_DISABLE")).toBe(true);
    expect(isEngineSetting("TF_INPUT")).toBe(true);
    expect(isEngineSetting("HOME")).toBe(false);
  });
});
