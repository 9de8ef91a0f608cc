// A local stand-in for ZeroTier Central on 127.0.0.1, following the paths, shapes and auth of
// shared/reference/zerotier-central.openapi.json (base path /api/v1, `Authorization: token|bearer`).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to exercise timeouts). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface CentralServerState {
  networks: Record<string, Record<string, unknown>>;
  members: Record<string, Record<string, unknown>[]>;
  /** Tokens allowed everywhere. */
  tokens: string[];
  /** Tokens that authenticate but may not read any network. */
  limitedTokens?: string[];
}

export interface CentralServer {
  url: string;
  requests: RecordedRequest[];
  state: CentralServerState;
  /** Replies served, in order, before normal handling of a path (e.g. a 429 then the real one). */
  script: (path: string, replies: ScriptedReply[]) => void;
  close: () => Promise<void>;
}

const BASE = "/api/v1";

export async function startCentralServer(state: CentralServerState): Promise<CentralServer> {
  const scripts = new Map<string, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization });
    const scripted = scripts.get(path)?.shift();
    if (scripted !== undefined) {
      const send = () => reply(res, scripted.status, scripted.body ?? "", scripted.headers);
      if (scripted.delayMs === undefined) send();
      else {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (!res.destroyed) send();
        }, scripted.delayMs);
        pending.add(timer);
      }
      return;
    }
    handle(state, req, res, path);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    requests,
    state,
    script: (path, replies) => scripts.set(`${BASE}${path}`, [...replies]),
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function handle(
  state: CentralServerState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): void {
  const token = tokenOf(req.headers.authorization);
  const known = token !== undefined && state.tokens.includes(token);
  const limited = token !== undefined && (state.limitedTokens ?? []).includes(token);
  if (!known && !limited) return reply(res, 401, "");
  if (!path.startsWith(BASE)) return reply(res, 404, "");
  const parts = path.slice(BASE.length).split("/").filter(Boolean);
  if (req.method !== "GET") return reply(res, 405, "");

  if (parts.length === 1 && parts[0] === "status") {
    return json(res, { online: true, version: "1.0", apiVersion: "4", user: { id: "u-1" } });
  }
  if (parts[0] !== "network") return reply(res, 404, "");
  if (parts.length === 1) return json(res, limited ? [] : Object.values(state.networks));
  const network = state.networks[parts[1] ?? ""];
  if (limited && network !== undefined) return reply(res, 403, "");
  if (network === undefined) return reply(res, 404, "");
  if (parts.length === 2) return json(res, network);
  const members = state.members[parts[1] ?? ""] ?? [];
  if (parts[2] === "member" && parts.length === 3) return json(res, members);
  if (parts[2] === "member" && parts.length === 4) {
    const member = members.find((m) => m.nodeId === parts[3]);
    return member === undefined ? reply(res, 404, "") : json(res, member);
  }
  reply(res, 404, "");
}

function tokenOf(header: string | undefined): string | undefined {
  const match = /^(token|bearer)\s+(\S+)$/i.exec(header ?? "");
  return match?.[2];
}

function json(res: ServerResponse, body: unknown): void {
  reply(res, 200, JSON.stringify(body), { "content-type": "application/json" });
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** A Member object as the spec shows it, with the fields the lab reads. */
export function memberFixture(
  networkId: string,
  nodeId: string,
  fields: {
    name?: string;
    authorized?: boolean;
    ips?: string[];
    lastSeen?: number;
    physicalAddress?: string;
    clientVersion?: string;
  } = {},
): Record<string, unknown> {
  return {
    id: `${networkId}-${nodeId}`,
    networkId,
    nodeId,
    controllerId: networkId.slice(0, 10),
    name: fields.name ?? "",
    description: "",
    hidden: false,
    lastSeen: fields.lastSeen ?? 0,
    lastOnline: fields.lastSeen ?? 0,
    physicalAddress: fields.physicalAddress ?? null,
    clientVersion: fields.clientVersion ?? "1.14.2",
    protocolVersion: 13,
    supportsRulesEngine: true,
    clock: 1_700_000_000_000,
    config: {
      activeBridge: false,
      authorized: fields.authorized ?? true,
      capabilities: [],
      creationTime: 1_690_000_000_000,
      id: nodeId,
      identity: `${nodeId}:0:aaaa`,
      ipAssignments: fields.ips ?? [],
      lastAuthorizedTime: 1_690_000_000_000,
      lastDeauthorizedTime: 0,
      noAutoAssignIps: false,
      revision: 3,
      ssoExempt: false,
      tags: [],
      vMajor: 1,
      vMinor: 14,
      vRev: 2,
      vProto: 13,
    },
  };
}

/** A Network object as the spec shows it. */
export function networkFixture(
  networkId: string,
  fields: { name?: string; rulesSource?: string } = {},
): Record<string, unknown> {
  return {
    id: networkId,
    clock: 1_700_000_000_000,
    description: "ZeroTier Terraform Demolab",
    rulesSource: fields.rulesSource ?? "accept;\n",
    permissions: {},
    ownerId: "00000000-0000-0000-0000-000000000000",
    onlineMemberCount: 0,
    authorizedMemberCount: 0,
    totalMemberCount: 0,
    capabilitiesByName: {},
    tagsByName: {},
    config: {
      id: networkId,
      name: fields.name ?? "demo.lab",
      private: true,
      enableBroadcast: true,
      multicastLimit: 32,
      mtu: 2800,
      creationTime: 1_690_000_000_000,
      lastModified: 1_690_000_000_000,
      routes: [{ target: "10.0.0.0/16", via: null }],
      ipAssignmentPools: [{ ipRangeStart: "10.0.0.1", ipRangeEnd: "10.0.0.254" }],
      v4AssignMode: { zt: true },
      v6AssignMode: { zt: true, "6plane": true, rfc4193: true },
      dns: { domain: "demo.lab", servers: ["10.0.1.1"] },
      rules: [{ type: "ACTION_ACCEPT" }],
      capabilities: [],
      tags: [],
    },
  };
}
