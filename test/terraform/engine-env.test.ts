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

describe("engineEnvironment edge cases", () => {
  it.each([
    ["TF_CLI_ARGS", false],
    ["TF_CLI_ARGS_apply", false],
    ["TF_LOG_PATH", false],
    ["TF_LOG_PROVIDER", false],
    ["TF_PLUGIN_CACHE_DIR", false],
    ["TF_VAR_region", true],
    ["TF_TOKEN_app_terraform_io", true],
    ["TF_LOGGING", true],
    ["MY_TF_LOG", true],
  ])("passes %s on: %s", (name, kept) => {
    expect(name in engineEnvironment({ [name]: "x" })).toBe(kept);
  });

  it("overrides a caller's TF_INPUT and TF_IN_AUTOMATION with its own values", () => {
    const env = engineEnvironment({ TF_INPUT: "1", TF_IN_AUTOMATION: "" });
    expect(env).toMatchObject({ TF_INPUT: "0", TF_IN_AUTOMATION: "1" });
  });
});
