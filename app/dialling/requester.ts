// Who asked for a number to be dialled, as the `dialling.refused` event and the log name them: a
// request through the API (from its credentials), the caller themselves (the callback they asked
// for), or a queue's configuration (overflow to a number).
export type RequestedBy =
  | { kind: 'api'; role: string; tenant: string | null; agentId: string | null; tokenId: number | null; userId: number | null }
  | { kind: 'caller' }
  | { kind: 'queue'; queue: string };

/** The fields of a request's identity (app/auth/credentials.ts) that name who asked. */
export interface RequesterIdentity {
  role: string;
  tenant: string | null;
  agentId: string | null;
  tokenId: number | null;
  /** A person's web session names its user; API tokens do not. */
  userId?: number | null;
}

export function requesterOf(identity: RequesterIdentity): RequestedBy {
  return { kind: 'api', role: identity.role, tenant: identity.tenant, agentId: identity.agentId, tokenId: identity.tokenId, userId: identity.userId ?? null };
}
