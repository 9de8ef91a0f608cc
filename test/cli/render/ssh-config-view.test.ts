import { describe, expect, it } from "vitest";
import { renderSshConfig } from "../../../src/cli/render/ssh-config-view.js";

const base = {
  networkName: "demo.lab",
  networkId: "8bd5124fd6f45ffe",
  user: "alice",
  port: undefined,
  settings: { knownHostsFile: "/home/a b/known_hosts" },
};

describe("renderSshConfig", () => {
  it("quotes a path with a space and keeps each value on its line", () => {
    const text = renderSshConfig({
      ...base,
      nodes: [{ name: "aws", fqdn: "aws.demo.lab", host: "127.0.0.1" }],
    });
    expect(text).toContain('  UserKnownHostsFile "/home/a b/known_hosts"\n');
    expect(text).toContain("Host aws.demo.lab ztlab-aws\n  HostName 127.0.0.1\n  User alice\n");
  });

  it.each([
    ["address", { host: "127.0.0.1\n  ProxyCommand false" }, {}],
    ["address", { host: "-oProxyCommand=false" }, {}],
    ["user", {}, { user: "alice ProxyCommand false" }],
    ["path", {}, { settings: { knownHostsFile: '/k"\nProxyCommand false' } }],
  ])("refuses a %s that could start another directive", (what, node, extra) => {
    const render = () =>
      renderSshConfig({
        ...base,
        ...extra,
        nodes: [{ name: "aws", fqdn: "aws.demo.lab", host: "127.0.0.1", ...node }],
      });
    expect(render).toThrow(expect.objectContaining({ code: "unsafe-ssh-config-value" }));
    expect(render).toThrow(new RegExp(`^${what} `));
  });
});
