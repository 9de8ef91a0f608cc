import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCentralClient, type CentralClient } from "../../../src/zerotier/index.js";
import {
  memberFixture,
  networkFixture,
  startCentralServer,
  type CentralServer,
} from "../../helpers/central-server.js";

const NWID = "8bd5124fd6f45ffe";
const TOKEN = "s3cret-token-value-0123456789abcdef";
const FAST = { timeoutMs: 1_000, attempts: 3, baseDelayMs: 5, maxDelayMs: 2_000 };

let server: CentralServer;

beforeEach(async () => {
  server = await startCentralServer({
    tokens: [TOKEN],
    limitedTokens: ["limited-token"],
    networks: { [NWID]: networkFixture(NWID) },
    members: {
      [NWID]: [
        memberFixture(NWID, "0123456789", { name: "do", ips: ["10.0.1.1"], lastSeen: 5 }),
        memberFixture(NWID, "a11c3411ce", { name: "laptop", ips: ["10.0.0.83"] }),
      ],
    },
  });
});

afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<Parameters<typeof createCentralClient>[0]> = {}): CentralClient {
  return createCentralClient({ baseUrl: server.url, token: TOKEN, policy: FAST, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected a failure");
}

describe("createCentralClient", () => {
  it("reads a network with the token in the spec's header form", async () => {
    const network = await client().getNetwork(NWID);
    expect(network.id).toBe(NWID);
    expect(network.config?.name).toBe("demo.lab");
    expect(network.config?.v6AssignMode?.["6plane"]).toBe(true);
    expect(server.requests[0]).toEqual({
      method: "GET",
      path: `/api/v1/network/${NWID}`,
      authorization: `token ${TOKEN}`,
    });
  });

  it("lists members with their config and keeps unknown keys", async () => {
    const members = await client().listMembers(NWID);
    expect(members.map((m) => [m.nodeId, m.name, m.config?.ipAssignments])).toEqual([
      ["0123456789", "do", ["10.0.1.1"]],
      ["a11c3411ce", "laptop", ["10.0.0.83"]],
    ]);
    expect(members[0]?.supportsRulesEngine).toBe(true);
  });

  it("reads one member and the account status", async () => {
    expect((await client().getMember(NWID, "a11c3411ce")).name).toBe("laptop");
    expect((await client().getStatus()).user?.id).toBe("u-1");
  });

  it("accepts a base URL with a trailing slash", async () => {
    const network = await client({ baseUrl: `${server.url}/` }).getNetwork(NWID);
    expect(network.id).toBe(NWID);
  });

  it("reports a wrong token as central-unauthorized without the token", async () => {
    const error = await failure(client({ token: "wrong-token" }).getNetwork(NWID));
    expect(error.code).toBe("central-unauthorized");
    expect(error.message).toContain(`GET /network/${NWID}`);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("wrong-token");
  });

  it("reports a token without access as central-forbidden", async () => {
    const error = await failure(client({ token: "limited-token" }).listMembers(NWID));
    expect(error.code).toBe("central-forbidden");
    expect(error.message).not.toContain("limited-token");
  });

  it("reports a missing network as central-not-found naming it", async () => {
    const error = await failure(client().getNetwork("0000000000000001"));
    expect(error.code).toBe("central-not-found");
    expect(error.message).toContain("network 0000000000000001 does not exist");
  });

  it("waits out a 429 for the time Retry-After gives, then succeeds", async () => {
    server.script(`/network/${NWID}`, [{ status: 429, headers: { "retry-after": "1" } }]);
    const waits: number[] = [];
    const started = Date.now();
    const network = await client({
      deps: {
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    }).getNetwork(NWID);
    expect(network.id).toBe(NWID);
    expect(waits).toEqual([1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const retry = new Date(now + 2_000).toUTCString();
    server.script(`/network/${NWID}`, [{ status: 429, headers: { "retry-after": retry } }]);
    const waits: number[] = [];
    await client({ deps: { now: () => now, sleep: async (ms) => void waits.push(ms) } }).getNetwork(
      NWID,
    );
    expect(waits).toEqual([2000]);
  });

  it("falls back to X-Ratelimit-Reset on a 429 without Retry-After", async () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const reset = new Date(now + 1_000).toUTCString();
    server.script(`/network/${NWID}`, [{ status: 429, headers: { "x-ratelimit-reset": reset } }]);
    const waits: number[] = [];
    await client({ deps: { now: () => now, sleep: async (ms) => void waits.push(ms) } }).getNetwork(
      NWID,
    );
    expect(waits).toEqual([1000]);
  });

  it("caps a long Retry-After at the policy's longest wait", async () => {
    server.script(`/network/${NWID}`, [{ status: 429, headers: { "retry-after": "3600" } }]);
    const waits: number[] = [];
    await client({ deps: { sleep: async (ms) => void waits.push(ms) } }).getNetwork(NWID);
    expect(waits).toEqual([FAST.maxDelayMs]);
  });

  it("backs off with jitter on 5xx and gives up after the last attempt", async () => {
    server.script(`/network/${NWID}/member`, [
      { status: 502, body: "bad gateway" },
      { status: 503 },
      { status: 500, body: '{"type":"internal","message":"boom"}' },
    ]);
    const waits: number[] = [];
    const error = await failure(
      client({ deps: { random: () => 0.5, sleep: async (ms) => void waits.push(ms) } }).listMembers(
        NWID,
      ),
    );
    expect(error.code).toBe("central-unavailable");
    expect(error.message).toContain("failed after 3 attempts");
    expect((error as { details?: string[] }).details?.[0]).toContain("HTTP 500");
    expect(waits).toEqual([3, 5]);
    expect(server.requests).toHaveLength(3);
  });

  it("recovers when a 5xx is followed by a good reply", async () => {
    server.script(`/network/${NWID}`, [{ status: 503 }]);
    const network = await client({ deps: { sleep: async () => undefined } }).getNetwork(NWID);
    expect(network.id).toBe(NWID);
  });

  it("times out a slow reply and reports the budget", async () => {
    server.script(`/network/${NWID}`, [
      { status: 200, delayMs: 5_000, body: "{}" },
      { status: 200, delayMs: 5_000, body: "{}" },
    ]);
    const started = Date.now();
    const error = await failure(
      client({ policy: { ...FAST, timeoutMs: 200, attempts: 2 } }).getNetwork(NWID),
    );
    expect(error.code).toBe("central-unavailable");
    expect((error as { details?: string[] }).details?.[0]).toContain("no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("reports a closed port as unreachable after its attempts", async () => {
    const url = server.url;
    await server.close();
    const error = await failure(
      createCentralClient({
        baseUrl: url,
        token: TOKEN,
        policy: { ...FAST, baseDelayMs: 1 },
      }).getNetwork(NWID),
    );
    expect(error.code).toBe("central-unavailable");
    expect((error as { details?: string[] }).details?.[0]).toContain("ECONNREFUSED");
    server = await startCentralServer({ tokens: [], networks: {}, members: {} });
  });

  it("names the URL and where it came from when it cannot connect", async () => {
    const url = server.url;
    await server.close();
    const error = await failure(
      createCentralClient({
        baseUrl: url,
        baseUrlSource: "ZEROTIER_CENTRAL_URL",
        token: TOKEN,
        policy: { ...FAST, attempts: 1 },
      }).getNetwork(NWID),
    );
    expect((error as { details?: string[] }).details).toContain(
      `Central URL: ${url} (from ZEROTIER_CENTRAL_URL)`,
    );
    server = await startCentralServer({ tokens: [], networks: {}, members: {} });
  });

  it("says the default URL is in use when none is given", async () => {
    const fetch = () => Promise.reject(new TypeError("fetch failed"));
    const error = await failure(
      createCentralClient({
        token: TOKEN,
        policy: { ...FAST, attempts: 1 },
        deps: { fetch },
      }).getStatus(),
    );
    expect((error as { details?: string[] }).details?.[1]).toBe(
      "Central URL: https://my.zerotier.com/api (the default; ZEROTIER_CENTRAL_URL is not set)",
    );
  });

  it("reports a redirect loop as such, without retrying", async () => {
    const loop = Array.from({ length: 30 }, () => ({
      status: 302,
      headers: { location: `${server.url}/status` },
    }));
    server.script("/status", loop);
    const error = await failure(client().getStatus());
    expect(error.code).toBe("central-redirect-loop");
    expect(error.message).toContain("redirected too many times");
    expect(server.requests.length).toBeLessThanOrEqual(21);
  });

  it.each([
    ["a 200 that is not JSON", 200, "<html><p>you sent: token %s</p></html>"],
    ["a 401", 401, "bad Authorization: token %s"],
    ["a 502", 502, "upstream saw token %s"],
    ["a 404", 404, "no such network for %s"],
  ])("keeps the token out of %s that echoes it", async (_what, status, body) => {
    server.script(`/network/${NWID}`, [
      { status, body: body.replace("%s", TOKEN) },
      { status, body: body.replace("%s", TOKEN) },
      { status, body: body.replace("%s", TOKEN) },
    ]);
    const error = await failure(client().getNetwork(NWID));
    const everything = JSON.stringify({
      message: error.message,
      details: (error as { details?: string[] }).details,
      cause: String((error as { cause?: unknown }).cause),
    });
    expect(everything).toContain("[token redacted]");
    expect(everything).not.toContain(TOKEN);
  });

  it.each([
    ["", "not set", "central-token-missing"],
    ["fake-zt-secret-456\nX: 1", "line breaks", "central-token-invalid"],
    ["two words", "spaces", "central-token-invalid"],
  ])("refuses the token %j before any request", (token, message, code) => {
    const create = () => createCentralClient({ baseUrl: server.url, token });
    expect(create).toThrow(expect.objectContaining({ code, exitCode: 2 }));
    expect(create).toThrow(new RegExp(message));
    expect(create).not.toThrow(/fake-zt-secret/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["not a url", "is not a URL"],
    ["ftp://127.0.0.1/api", "is not an http or https URL"],
    ["http://user:pw-secret@127.0.0.1:1/api", "must not carry a user name or password"],
  ])("refuses the URL %s with an input error", (baseUrl, message) => {
    const create = () =>
      createCentralClient({ baseUrl, baseUrlSource: "ZEROTIER_CENTRAL_URL", token: TOKEN });
    expect(create).toThrow(expect.objectContaining({ code: "central-url-invalid", exitCode: 2 }));
    expect(create).toThrow(new RegExp(`^ZEROTIER_CENTRAL_URL: .*${message}`));
    expect(create).not.toThrow(/pw-secret/);
  });

  it("stops reading a reply larger than the cap", async () => {
    server.script(`/network/${NWID}`, [{ status: 200, body: "x".repeat(5_000) }]);
    const error = await failure(
      client({ policy: { ...FAST, maxReplyBytes: 1_000 } }).getNetwork(NWID),
    );
    expect(error.code).toBe("central-reply-too-large");
  });

  it("stops reading a streamed reply without a length once it passes the cap", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1_000));
      },
    });
    const fetch = () => Promise.resolve(new Response(stream, { status: 200 }));
    const error = await failure(
      client({ policy: { ...FAST, maxReplyBytes: 10_000 }, deps: { fetch } }).getNetwork(NWID),
    );
    expect(error.code).toBe("central-reply-too-large");
    expect(pulled).toBeLessThan(20);
  });

  it("rejects a malformed network id before any request", async () => {
    await expect(client().getNetwork("nope")).rejects.toThrow(/not a ZeroTier network id/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an empty token with a hint naming the variable", () => {
    expect(() => createCentralClient({ baseUrl: server.url, token: " " })).toThrow(
      expect.objectContaining({
        code: "central-token-missing",
        hint: expect.stringContaining("ZEROTIER_CENTRAL_TOKEN"),
      }),
    );
  });

  it("reports a reply that is not JSON", async () => {
    server.script(`/network/${NWID}`, [{ status: 200, body: "<html>" }]);
    const error = await failure(client().getNetwork(NWID));
    expect(error.code).toBe("central-bad-reply");
  });
});
