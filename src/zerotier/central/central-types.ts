// Shapes of Central's replies (shared/reference/zerotier-central.openapi.json, Network and Member).
// Parsed leniently: the spec marks every field nullable and real replies carry extra keys.
import { z } from "zod";

const text = z.string().nullish();
const count = z.number().nullish();

export const centralMemberSchema = z.looseObject({
  networkId: text,
  nodeId: z.string(),
  name: text,
  description: text,
  hidden: z.boolean().nullish(),
  lastSeen: count,
  lastOnline: count,
  physicalAddress: text,
  clientVersion: text,
  protocolVersion: count,
  config: z
    .looseObject({
      authorized: z.boolean().nullish(),
      ipAssignments: z.array(z.string()).nullish(),
      noAutoAssignIps: z.boolean().nullish(),
      activeBridge: z.boolean().nullish(),
    })
    .nullish(),
});

export const centralNetworkSchema = z.looseObject({
  id: z.string(),
  description: text,
  rulesSource: text,
  onlineMemberCount: count,
  authorizedMemberCount: count,
  totalMemberCount: count,
  config: z
    .looseObject({
      name: text,
      private: z.boolean().nullish(),
      multicastLimit: count,
      routes: z.array(z.looseObject({ target: text, via: text })).nullish(),
      v6AssignMode: z
        .looseObject({
          zt: z.boolean().nullish(),
          "6plane": z.boolean().nullish(),
          rfc4193: z.boolean().nullish(),
        })
        .nullish(),
      dns: z.looseObject({ domain: text, servers: z.array(z.string()).nullish() }).nullish(),
    })
    .nullish(),
});

export const centralStatusSchema = z.looseObject({
  online: z.boolean().nullish(),
  version: text,
  apiVersion: text,
  clock: count,
  readOnlyMode: z.boolean().nullish(),
  user: z.looseObject({ id: text, displayName: text }).nullish(),
});

export type CentralMember = z.infer<typeof centralMemberSchema>;
export type CentralNetwork = z.infer<typeof centralNetworkSchema>;
export type CentralStatus = z.infer<typeof centralStatusSchema>;
