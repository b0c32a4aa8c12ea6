// The identity a request carries once a strategy accepted it: a machine's API token (`token`)
// or a person's web session (`session`). Both have one role, a tenant (null for the outsourcer's
// own staff) and, for agents, the one agent they act for; authorisation (access.ts) reads only
// these fields, so sessions and tokens are checked alike.
import type { AuthCredentials, Request } from '@hapi/hapi';
import type { SessionStage } from '../../db/models/index.js';
import { isRole, type Role } from './roles.js';

export interface Identity extends AuthCredentials {
  kind: 'token' | 'session';
  /** The API token's id (kind token), else null. */
  tokenId: number | null;
  /** The user's id and session's id (kind session), else null. */
  userId: number | null;
  sessionId: number | null;
  /** Null for the outsourcer's own staff, who work across tenants. */
  tenantId: number | null;
  /** The tenant's slug, null with tenantId. */
  tenant: string | null;
  role: Role;
  /** The one agent an `agent` acts for (see agent-access.ts); null for every other role. */
  agentId: string | null;
  /** How far a web session's login got (complete, or a second factor still due); null for tokens. */
  sessionStage: SessionStage | null;
  /** Who, readable, for logs and the audit log: "token 3 (export)", "user 7 (marie)". */
  actor: string;
  scope: [Role];
}

/** Kept for the capabilities written when tokens were the only identity. */
export type TokenCredentials = Identity;

/** Who made a change, as rows that name their author store it. */
export interface Author {
  tokenId: number | null;
  userId: number | null;
}

export const authorOf = (identity: Identity): Author => ({ tokenId: identity.tokenId, userId: identity.userId });

function isIdentity(c: unknown): c is Identity {
  const o = c as Partial<Record<keyof Identity, unknown>> | null;
  return (o?.kind === 'token' || o?.kind === 'session') && isRole(o.role)
    && (o.tokenId === null || typeof o.tokenId === 'number')
    && (o.userId === null || typeof o.userId === 'number')
    && (o.tenantId === null || typeof o.tenantId === 'number')
    && (o.tenant === null || typeof o.tenant === 'string')
    && (o.agentId === null || typeof o.agentId === 'string');
}

/** The request's identity; a route without authentication asking for it is a bug. */
export function identityOf(request: Request): Identity {
  const credentials: unknown = request.auth.credentials;
  if (!request.auth.isAuthenticated || !isIdentity(credentials)) {
    throw new Error(`route ${request.route.method} ${request.route.path} reads credentials without authentication`);
  }
  return credentials;
}
