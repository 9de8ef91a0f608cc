// One Central API call with timeouts and retries. The token travels in a header and is scrubbed
// from every reply excerpt and cause that could reach a message; the URL is shown without
// credentials (the client refuses a URL that carries any).
import { EnvironmentError, InputError } from "../../errors/index.js";

export interface RequestPolicy {
  /** Per attempt, in milliseconds. */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff step; later steps double, each drawn at random up to the step (full jitter). */
  baseDelayMs: number;
  /** No wait, Retry-After included, is longer than this. */
  maxDelayMs: number;
  /** Largest reply body read, in bytes; a longer one fails instead of filling memory. */
  maxReplyBytes: number;
}

export interface RequestDeps {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
}

export interface CentralRequest {
  baseUrl: string;
  /** How to name the base URL in messages: its address and where it came from. */
  baseUrlLabel: string;
  token: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  body?: unknown;
  signal?: AbortSignal;
  /** What a 404 means for this call, e.g. `network 8bd5124fd6f45ffe`. */
  subject: string;
}

const USER_AGENT = "ztlab";
const REDACTED = "[token redacted]";

/** Sends the request, retrying 429 and 5xx replies and network failures; returns parsed JSON. */
export async function sendCentralRequest(
  request: CentralRequest,
  policy: RequestPolicy,
  deps: RequestDeps,
): Promise<unknown> {
  const where = `${request.method} ${request.path}`;
  let lastProblem = "";
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    const outcome = await attemptOnce(request, policy, deps, where);
    if (outcome.kind === "done") return outcome.value;
    lastProblem = outcome.problem;
    if (attempt === policy.attempts) break;
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    const wait = outcome.retryAfterMs ?? Math.round(deps.random() * backoff);
    await deps.sleep(Math.min(wait, policy.maxDelayMs), request.signal);
  }
  throw new EnvironmentError(
    `ZeroTier Central: ${where} failed after ${policy.attempts} attempts`,
    {
      code: "central-unavailable",
      details: [`last: ${lastProblem}`, `Central URL: ${request.baseUrlLabel}`],
      hint: "Central may be down or rate limiting, or the URL is wrong; try again in a minute",
    },
  );
}

type Outcome =
  { kind: "done"; value: unknown } | { kind: "retry"; problem: string; retryAfterMs?: number };

async function attemptOnce(
  request: CentralRequest,
  policy: RequestPolicy,
  deps: RequestDeps,
  where: string,
): Promise<Outcome> {
  const scrub = scrubberOf(request.token);
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await deps.fetch(joinUrl(request.baseUrl, request.path), {
      method: request.method,
      headers: headersOf(request),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted)
      return { kind: "retry", problem: `no answer within ${policy.timeoutMs} ms` };
    const cause = scrub(causeText(error));
    if (/redirect/i.test(cause)) {
      throw new EnvironmentError(`ZeroTier Central: ${where} was redirected too many times`, {
        code: "central-redirect-loop",
        details: [`${cause}`, `Central URL: ${request.baseUrlLabel}`],
        hint: "the URL answers with a redirect loop; check ZEROTIER_CENTRAL_URL",
      });
    }
    return { kind: "retry", problem: `cannot connect (${cause})` };
  }
  const bodyText = await readBody(response, { signal, timeout, policy, where });
  if (bodyText === undefined) {
    return { kind: "retry", problem: `reply body not complete within ${policy.timeoutMs} ms` };
  }
  if (response.status === 200) return { kind: "done", value: parseJson(bodyText, where, scrub) };
  if (response.status === 429 || response.status >= 500) {
    return {
      kind: "retry",
      problem: `HTTP ${response.status}${briefBody(scrub(bodyText))}`,
      retryAfterMs: retryAfterOf(response.headers, deps.now(), response.status === 429),
    };
  }
  throw statusError(response.status, where, request.subject, scrub(bodyText));
}

function headersOf(request: CentralRequest): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `token ${request.token}`,
    accept: "application/json",
    "user-agent": USER_AGENT,
  };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  return headers;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

// Reads the body as a stream and stops at the size cap, so a huge or endless reply cannot
// exhaust memory.
async function readBody(
  response: Response,
  {
    signal,
    timeout,
    policy,
    where,
  }: { signal: AbortSignal; timeout: AbortSignal; policy: RequestPolicy; where: string },
): Promise<string | undefined> {
  const tooLarge = () => {
    const mb = Math.round(policy.maxReplyBytes / 1024 / 1024);
    return new EnvironmentError(`ZeroTier Central: ${where} answered with more than ${mb} MB`, {
      code: "central-reply-too-large",
      hint: "that is far more than Central sends; check ZEROTIER_CENTRAL_URL",
    });
  };
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > policy.maxReplyBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body !== null) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > policy.maxReplyBytes) {
          await response.body.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    if (timeout.aborted) return undefined;
    if (signal.aborted) throw signal.reason;
    throw new EnvironmentError(
      `ZeroTier Central: reply broke off (${policy.timeoutMs} ms budget)`,
      { code: "central-unavailable" },
    );
  }
  return Buffer.concat(chunks).toString("utf8");
}

// The parser's own error is left out: its message quotes the start of the reply.
function parseJson(text: string, where: string, scrub: (text: string) => string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new EnvironmentError(`ZeroTier Central: ${where} answered with something not JSON`, {
      code: "central-bad-reply",
      details: [`reply starts: ${oneLine(scrub(text)).slice(0, 80)}`],
    });
  }
}

// Retry-After is delta-seconds or an HTTP date. On a 429 without it, Central's own
// X-Ratelimit-Reset (an HTTP date, seen in 2024) says when the window reopens.
function retryAfterOf(headers: Headers, now: number, isRateLimit: boolean): number | undefined {
  const reset = isRateLimit ? headers.get("x-ratelimit-reset") : null;
  const value = headers.get("retry-after") ?? reset;
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function statusError(status: number, where: string, subject: string, body: string) {
  const excerpt = oneLine(body).slice(0, 200);
  const details = excerpt === "" ? [] : [`reply: ${excerpt}`];
  if (status === 401) {
    return new EnvironmentError(`ZeroTier Central: ${where} was refused: the token is not valid`, {
      code: "central-unauthorized",
      details,
      hint: "set ZEROTIER_CENTRAL_TOKEN to an API token from Central's Account page",
    });
  }
  if (status === 403) {
    return new EnvironmentError(`ZeroTier Central: ${where}: the token lacks access`, {
      code: "central-forbidden",
      details,
      hint: "use a token of an account that owns or administers this network",
    });
  }
  if (status === 404) {
    return new InputError(`ZeroTier Central: ${subject} does not exist (${where})`, {
      code: "central-not-found",
      details,
      hint: "it may have been deleted; check the id, or run `ztlab up` to create the lab",
    });
  }
  return new EnvironmentError(`ZeroTier Central: ${where} failed with HTTP ${status}`, {
    code: "central-http-error",
    details,
  });
}

function briefBody(text: string): string {
  const line = oneLine(text);
  return line === "" ? "" : `: ${line.slice(0, 120)}`;
}

// Reply excerpts go on one line of a message: control characters and runs of space collapse.
function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, " ").trim();
}

function scrubberOf(token: string): (text: string) => string {
  return (text) => (token === "" ? text : text.split(token).join(REDACTED));
}

function causeText(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && "code" in cause) return String(cause.code);
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
