import { describe, expect, it } from "vitest";
import {
  isSecretName,
  maskDeep,
  maskSecrets,
  redactInvocation,
  secretValues,
} from "../../src/terraform/engine-redact.js";

describe("redactInvocation", () => {
  it("masks secret-named variables and shows the others", () => {
    const { env } = redactInvocation({
      command: "terraform",
      args: ["plan"],
      env: {
        TF_IN_AUTOMATION: "1",
        ZEROTIER_CENTRAL_TOKEN: "zt-token-value-123",
        AWS_SECRET_ACCESS_KEY: "aws/secret+value",
        TF_TOKEN_app_terraform_io: "hcp-token-abcdef",
        EMPTY: undefined,
      },
    });
    expect(env).toEqual([
      "AWS_SECRET_ACCESS_KEY=***",
      "TF_IN_AUTOMATION=1",
      "TF_TOKEN_app_terraform_io=***",
      "ZEROTIER_CENTRAL_TOKEN=***",
    ]);
  });

  it("lists only the variables asked for while still hiding secret values everywhere", () => {
    const shown = redactInvocation({
      command: "terraform",
      args: ["apply", "-var=note=uses zt-token-value-123 inside"],
      env: { ZEROTIER_CENTRAL_TOKEN: "zt-token-value-123", TF_INPUT: "0" },
      showEnv: (name) => name.startsWith("TF_"),
    });
    expect(shown.env).toEqual(["TF_INPUT=0"]);
    expect(shown.commandLine).toBe("terraform apply '-var=note=uses *** inside'");
  });

  it.each([
    ["-var=token=abc", "'-var=token=***'"],
    ["-backend-config=access_key=AKIA0000", "'-backend-config=access_key=***'"],
    ["-var=region=us-east-1", "-var=region=us-east-1"],
    ["-target=zerotier_network.demolab", "-target=zerotier_network.demolab"],
  ])("shows %s as %s", (arg, expected) => {
    expect(redactInvocation({ command: "tofu", args: [arg] }).commandLine).toBe(`tofu ${expected}`);
  });

  it("masks the value after a separate -var or -backend-config flag", () => {
    const { commandLine } = redactInvocation({
      command: "terraform",
      args: ["init", "-backend-config", "sas_token=sv=2020&sig=x", "-var", "size=small"],
    });
    expect(commandLine).toBe("terraform init -backend-config 'sas_token=***' -var size=small");
  });

  it("quotes arguments a shell would split, and the quotes inside them", () => {
    const { commandLine } = redactInvocation({
      command: "terraform",
      args: ['-target=zerotier_member.instances["aws"]', "it's"],
    });
    expect(commandLine).toBe(`terraform '-target=zerotier_member.instances["aws"]' 'it'\\''s'`);
  });
});

describe("isSecretName", () => {
  it.each([
    ["DIGITALOCEAN_TOKEN", true],
    ["ARM_CLIENT_SECRET", true],
    ["AWS_SESSION_TOKEN", true],
    ["HCLOUD_TOKEN", true],
    ["VULTR_API_KEY", true],
    ["OCI_PRIVATE_KEY_PATH", true],
    ["AWS_ACCESS_KEY_ID", true],
    ["AWS_REGION", false],
    ["TF_INPUT", false],
    ["PATH", false],
  ])("judges %s secret: %s", (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe("secretValues and maskDeep", () => {
  const env = {
    ZEROTIER_CENTRAL_TOKEN: "zt-token-abcdef",
    OCI_TENANCY_OCID: "ocid1.tenancy.oc1..xyz",
    AWS_REGION: "eu-west-1",
    TF_TOKEN_app_terraform_io: 'hcp"quoted"token',
    SHORT_TOKEN: "abc",
  };

  it("takes secret-named values and the named extra ones, longest first, skipping short ones", () => {
    expect(secretValues(env, ["OCI_TENANCY_OCID"])).toEqual([
      "ocid1.tenancy.oc1..xyz",
      'hcp"quoted"token',
      "zt-token-abcdef",
    ]);
  });

  it("masks every string of a parsed engine event, keeping its shape", () => {
    const secrets = secretValues(env, ["OCI_TENANCY_OCID"]);
    const event = {
      type: "diagnostic",
      n: 3,
      d: { summary: 'bad hcp"quoted"token', list: ["ocid1.tenancy.oc1..xyz!"] },
    };
    expect(maskDeep(event, secrets)).toEqual({
      type: "diagnostic",
      n: 3,
      d: { summary: "bad ***", list: ["***!"] },
    });
    expect(maskSecrets("eu-west-1 zt-token-abcdef", secrets)).toBe("eu-west-1 ***");
  });
});

describe("maskSecrets with repeated and overlapping values", () => {
  it("masks every occurrence of a secret, adjacent ones included", () => {
    const secret = "zt-token-abcdef";
    const text = `${secret} and ${secret}${secret}, again ${secret}`;
    expect(maskSecrets(text, [secret])).toBe("*** and ******, again ***");
  });

  it("masks the longer secret whole when a shorter one sits inside it", () => {
    const secrets = secretValues({
      OUTER_TOKEN: "prefix-inner-secret-suffix",
      INNER_TOKEN: "inner-secret",
    });
    expect(maskSecrets("a prefix-inner-secret-suffix b inner-secret c", secrets)).toBe(
      "a *** b *** c",
    );
  });

  it.each([
    ["listed first", ["abcdef123456", "123456789xyz"]],
    ["listed second", ["123456789xyz", "abcdef123456"]],
  ])("leaves no part of two overlapping secrets, the leading one %s", (_name, secrets) => {
    expect(maskSecrets("<abcdef123456789xyz> <123456789xyz>", secrets)).toBe("<***> <***>");
  });

  it("masks a run where a secret overlaps itself without leaving its last characters", () => {
    expect(maskSecrets("x abababab y", ["ababab"])).toBe("x *** y");
  });

  it("hunts for a secret value without the whitespace around it", () => {
    const secrets = secretValues({ HCLOUD_TOKEN: "  hcloud-value-42\n" });
    expect(maskSecrets("token=hcloud-value-42;", secrets)).toBe("token=***;");
  });

  it("masks a value that occurs in several arguments and environment lines", () => {
    const { commandLine, env } = redactInvocation({
      command: "terraform",
      args: ["-var=a=ocid1.user.x", "-var=b=ocid1.user.x", "ocid1.user.x"],
      env: { OCI_USER_OCID: "ocid1.user.x", OCI_NOTE: "owner ocid1.user.x" },
      secretNames: ["OCI_USER_OCID"],
    });
    expect(commandLine).toBe("terraform '-var=a=***' '-var=b=***' '***'");
    expect(env).toEqual(["OCI_NOTE=owner ***", "OCI_USER_OCID=***"]);
  });
});
