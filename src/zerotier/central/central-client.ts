// Typed client for the parts of ZeroTier Central the lab reads. Uses Node's built-in fetch.
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { EnvironmentError, InputError } from "../../errors/index.js";
import { isNetworkId, isNodeId } from "../addressing.js";
import { sendCentralRequest, type RequestDeps, type RequestPolicy } from "./central-request.js";
import {
  centralMemberSchema,
  centralNetworkSchema,
  centralStatusSchema,
  type CentralMember,
  type CentralNetwork,
  type CentralStatus,
} from "./central-types.js";

/**
 * The Terraform provider's default when ZEROTIER_CENTRAL_URL is unset, so ztlab and the provider
 * talk to the same place from the same environment. Paths are appended to it.
 */
export const DEFAULT_CENTRAL_URL = "https://my.zerotier.com/api";

export interface CentralClientOptions {
  baseUrl?: string;
  /** Where baseUrl came from, for messages, e.g. `ZEROTIER_CENTRAL_URL`. */
  baseUrlSource?: string;
  token: string;
  policy?: Partial<RequestPolicy>;
  /** For tests: replace fetch, the clock, sleeping and the jitter source. */
  deps?: Partial<RequestDeps>;
}

export interface CentralClient {
  readonly baseUrl: string;
  getStatus(signal?: AbortSignal): Promise<CentralStatus>;
  getNetwork(networkId: string, signal?: AbortSignal): Promise<CentralNetwork>;
  listMembers(networkId: string, signal?: AbortSignal): Promise<CentralMember[]>;
  getMember(networkId: string, nodeId: string, signal?: AbortSignal): Promise<CentralMember>;
}

export const DEFAULT_POLICY: RequestPolicy = {
  timeoutMs: 15_000,
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxReplyBytes: 16 * 1024 * 1024,
};

/** Checks the token and URL first: a bad one is an input error (exit 2) and nothing is sent. */
export function createCentralClient({
  baseUrl,
  baseUrlSource,
  token,
  policy = {},
  deps = {},
}: CentralClientOptions): CentralClient {
  checkToken(token);
  const base = checkBaseUrl(baseUrl, baseUrlSource);
  const fullPolicy = { ...DEFAULT_POLICY, ...policy };
  const fullDeps: RequestDeps = {
    fetch: deps.fetch ?? globalThis.fetch,
    sleep: deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal })),
    random: deps.random ?? Math.random,
    now: deps.now ?? Date.now,
  };
  const get = async <T>(
    path: string,
    subject: string,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ) => {
    const body = await sendCentralRequest(
      { ...base, token, method: "GET", path, subject, signal },
      fullPolicy,
      fullDeps,
    );
    return parseReply(schema, body, `GET ${path}`);
  };

  return {
    baseUrl: base.baseUrl,
    getStatus: (signal) => get("/status", "the account", centralStatusSchema, signal),
    getNetwork: async (networkId, signal) => {
      const id = checkNetworkId(networkId);
      return get(`/network/${id}`, `network ${id}`, centralNetworkSchema, signal);
    },
    listMembers: async (networkId, signal) => {
      const id = checkNetworkId(networkId);
      return get(`/network/${id}/member`, `network ${id}`, z.array(centralMemberSchema), signal);
    },
    getMember: async (networkId, nodeId, signal) => {
      const id = checkNetworkId(networkId);
      if (!isNodeId(nodeId)) throw invalidId(nodeId, "node id (10 hex digits)");
      const path = `/network/${id}/member/${nodeId}`;
      return get(path, `member ${nodeId} of network ${id}`, centralMemberSchema, signal);
    },
  };
}

function checkToken(token: string): void {
  if (token.trim() === "") {
    throw new InputError("ZEROTIER_CENTRAL_TOKEN is not set", {
      code: "central-token-missing",
      hint: "export ZEROTIER_CENTRAL_TOKEN with an API token from Central's Account page",
    });
  }
  // Printable ASCII without spaces: anything else cannot be a Central token and would break
  // (or smuggle lines into) the Authorization header.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InputError(
      "ZEROTIER_CENTRAL_TOKEN holds spaces, line breaks or other characters no token has",
      {
        code: "central-token-invalid",
        hint: "set it to the API token exactly as Central shows it, e.g. without a trailing newline",
      },
    );
  }
}

function checkBaseUrl(
  baseUrl: string | undefined,
  source = "the Central URL",
): { baseUrl: string; baseUrlLabel: string } {
  if (baseUrl === undefined) {
    const label = `${DEFAULT_CENTRAL_URL} (the default; ZEROTIER_CENTRAL_URL is not set)`;
    return { baseUrl: DEFAULT_CENTRAL_URL, baseUrlLabel: label };
  }
  const bad = (why: string) =>
    new InputError(`${source}: ${why}`, {
      code: "central-url-invalid",
      hint: "use an http or https URL such as https://my.zerotier.com/api, or unset it",
    });
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw bad(`${JSON.stringify(withoutUserinfo(baseUrl))} is not a URL`);
  }
  if (url.username !== "" || url.password !== "") {
    url.username = "";
    url.password = "";
    throw bad(`${url.href} must not carry a user name or password (the token is sent apart)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw bad(`${JSON.stringify(url.href)} is not an http or https URL`);
  }
  return { baseUrl, baseUrlLabel: `${url.href} (from ${source})` };
}

// For an unparsable value: drops anything shaped like `user:password@` before showing it.
function withoutUserinfo(value: string): string {
  return value.replace(/\/\/[^/@]*@/, "//");
}

function checkNetworkId(networkId: string): string {
  if (!isNetworkId(networkId)) throw invalidId(networkId, "network id (16 hex digits)");
  return networkId;
}

function invalidId(value: string, what: string): InputError {
  return new InputError(`"${value}" is not a ZeroTier ${what}`, { code: "invalid-zerotier-id" });
}

function parseReply<T>(schema: z.ZodType<T>, body: unknown, where: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const at = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
  throw new EnvironmentError(`ZeroTier Central: ${where} answered in an unexpected shape`, {
    code: "central-bad-reply",
    details: [`${first?.message ?? "invalid"}${at}`],
  });
}
