import { describe, expect, it } from "vitest";
import { interpretPing } from "../../src/checks/index.js";
import { ran } from "../helpers/remote-result.js";

// Shaped like iputils under a German locale, written for this test: the summary is translated.
const GERMAN_OK = [
  "PING gcp.demo.lab (10.0.3.1) 56(84) Bytes an Daten.",
  "64 Bytes von 10.0.3.1: icmp_seq=1 ttl=64 Zeit=1.02 ms",
  "",
  "--- gcp.demo.lab ping-Statistik ---",
  "1 Pakete übertragen, 1 empfangen, 0% Paketverlust, Zeit 0ms",
  "",
].join("\n");

describe("interpretPing on odd output", () => {
  it("passes a translated reply on exit code 0", () => {
    expect(interpretPing(ran(0, GERMAN_OK))).toEqual({ ok: true });
  });

  it("still checks the resolved address of a translated reply", () => {
    expect(interpretPing(ran(0, GERMAN_OK), { expectedAddress: "10.0.9.9" })).toEqual({
      ok: false,
      reason: "resolves to 10.0.3.1, expected 10.0.9.9",
    });
  });

  it("passes output cut off after the first reply when ping exited 0", () => {
    const cut = "PING gcp.demo.lab (10.0.3.1) 56(84) bytes of data.\n64 bytes from";
    expect(interpretPing(ran(0, cut))).toEqual({ ok: true });
  });

  it("passes a reply without a PING header when an address is expected", () => {
    const summary = "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n";
    expect(interpretPing(ran(0, summary), { expectedAddress: "10.0.3.1" })).toEqual({ ok: true });
  });

  it.each([
    ["empty output", ran(1), "ping failed: no output"],
    [
      "a translated loss",
      ran(1, "1 Pakete übertragen, 0 empfangen\n"),
      "ping failed: 1 Pakete übertragen, 0 empfangen",
    ],
    [
      "ICMP errors without replies",
      ran(1, "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"),
      "no reply",
    ],
    [
      "one reply of three on exit code 1",
      ran(1, "3 packets transmitted, 1 received, +2 errors, 66.7% packet loss\n"),
      "no reply",
    ],
    ["a signal", ran(undefined, "", "Terminated\n"), "ping failed: Terminated"],
  ])("fails %s", (_name, result, reason) => {
    expect(interpretPing(result)).toEqual({ ok: false, reason });
  });

  it("names a wrong address before looking at the exit code", () => {
    const result = ran(1, "PING aws.demo.lab (10.0.7.1) 56(84) bytes of data.\n");
    expect(interpretPing(result, { expectedAddress: "10.0.2.1" }).reason).toBe(
      "resolves to 10.0.7.1, expected 10.0.2.1",
    );
  });
});
