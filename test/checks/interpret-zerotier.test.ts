import { describe, expect, it } from "vitest";
import { interpretListNetworks } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

const NWID = "8bd5124fd6f45ffe";
const want = { networkId: NWID, expectedIp: "10.0.2.1" };

function listing(network: Record<string, unknown>): string {
  return JSON.stringify([{ nwid: NWID, status: "OK", ...network }]);
}

describe("interpretListNetworks on unexpected shapes", () => {
  it.each([
    ["empty output", ""],
    ["a list cut off mid-entry", `[{"nwid":"${NWID}","status":"OK"`],
    ["one object instead of a list", JSON.stringify({ nwid: NWID, status: "OK" })],
    ["an entry without a status", JSON.stringify([{ nwid: NWID }])],
    ["assignedAddresses set to null", listing({ assignedAddresses: null })],
    ["a byte order mark before the list", `\ufeff${listing({})}`],
  ])("fails %s as not a network list", (_name, stdout) => {
    expect(interpretListNetworks(ran(0, stdout), want)).toEqual({
      ok: false,
      reason: "zerotier-cli printed something other than a network list",
    });
  });

  it("treats missing assignedAddresses as none", () => {
    expect(interpretListNetworks(ran(0, listing({})), want).reason).toBe(
      "10.0.2.1 not assigned (IPv4: none)",
    );
  });

  it("passes an upper-case network id and ignores unknown fields", () => {
    const stdout = JSON.stringify([
      { nwid: NWID.toUpperCase(), status: "OK", assignedAddresses: ["10.0.2.1/16"], mtu: 2800 },
    ]);
    expect(interpretListNetworks(ran(0, stdout), want)).toEqual({ ok: true });
  });

  it.each([
    [["fd8b:d512:4fd6:f45f:fe99:93b0:a7f8:b2c7/88"], "10.0.2.1 not assigned (IPv4: none)"],
    [["10.0.2.10/16"], "10.0.2.1 not assigned (IPv4: 10.0.2.10)"],
    [["10.0.2.1"], undefined],
  ])("reads the addresses %j", (assignedAddresses, reason) => {
    const verdict = interpretListNetworks(ran(0, listing({ assignedAddresses })), want);
    expect(verdict.reason).toBe(reason);
  });

  it.each([
    ["PORT_ERROR", "status PORT_ERROR"],
    ["REQUESTING_CONFIGURATION", "status REQUESTING_CONFIGURATION (waiting for the controller)"],
    ["NOT_FOUND", "status NOT_FOUND (no such network)"],
  ])("fails status %s with %j", (status, reason) => {
    const stdout = listing({ status, assignedAddresses: ["10.0.2.1/16"] });
    expect(interpretListNetworks(ran(0, stdout), want)).toEqual({ ok: false, reason });
  });

  it("gives the exit code when zerotier-cli fails without a word", () => {
    expect(interpretListNetworks(ran(3), want)).toEqual({
      ok: false,
      reason: "zerotier-cli failed: exit 3",
    });
  });
});
