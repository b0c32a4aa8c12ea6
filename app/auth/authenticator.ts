// Who a request is, from what it carries: a machine's `Authorization: Bearer <API token>` or a
// person's `ccapp_session` cookie (a web session in MariaDB). The hapi scheme (plugin.ts) and the
// live WebSocket's upgrade both ask here, so both accept and refuse exactly the same way. A
// token or user of a tenant that is no longer in the configuration is refused.
import type { Models, User, UserSession } from '../../db/models/index.js';
import { UnauthenticatedError } from '../errors/domain.js';
import type { Identity } from './credentials.js';
import type { SessionStore } from './sessions.js';
import { readBearer } from './token-format.js';
import { verifyToken } from './tokens.js';

export const SESSION_COOKIE = 'ccapp_session';

export interface Authenticated {
  identity: Identity;
  /** Set for web sessions. */
  session?: UserSession;
  user?: User;
}

const SESSION_ERRORS: Record<string, [string, string]> = {
  idle: ['auth.session_expired', 'the session was idle too long: log in again'],
  expired: ['auth.session_expired', 'the session is too old: log in again'],
  unknown: ['auth.session_ended', 'no such session: log in'],
};

/** The value of one cookie in a raw Cookie header (for the WebSocket upgrade, which hapi does not parse). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class Authenticator {
  constructor(private readonly deps: {
    models: Pick<Models, 'ApiToken' | 'Tenant' | 'Agent'>;
    sessions: SessionStore;
    /** The tenants in the configuration now. */
    configuredTenants: { has(slug: string): boolean };
  }) {}

  /** The identity behind a request's Authorization header or session cookie; throws a 401 otherwise. */
  async identify(carried: { authorization?: string; sid?: string }, now = new Date()): Promise<Authenticated> {
    if (carried.authorization !== undefined) {
      const bearer = readBearer(carried.authorization);
      const identity = bearer.kind === 'token' ? await verifyToken(this.deps.models, bearer.token) : undefined;
      if (!identity) throw new UnauthenticatedError('auth.invalid_token', 'the token is malformed, unknown or revoked', { invalidToken: true });
      this.refuseRemovedTenant(identity);
      return { identity };
    }
    if (carried.sid === undefined) throw new UnauthenticatedError('auth.missing_credentials', 'log in, or send an Authorization: Bearer token');
    const checked = await this.deps.sessions.check(carried.sid, now);
    if (!checked.ok) {
      const [id, message] = SESSION_ERRORS[checked.reason] ?? ['auth.session_ended', `the session was ended (${checked.reason}): log in again`];
      throw new UnauthenticatedError(id, message, { details: { reason: checked.reason } });
    }
    const { session, user } = checked;
    const tenant = user.tenantId === null ? null : (await this.deps.models.Tenant.findByPk(user.tenantId, { attributes: ['slug'] }))?.slug ?? null;
    const identity: Identity = {
      kind: 'session', tokenId: null, userId: user.id, sessionId: session.id, tenantId: user.tenantId, tenant,
      role: user.role, agentId: user.agentId, sessionStage: session.stage, actor: `user ${user.id} (${user.login})`, scope: [user.role],
    };
    return { identity, session, user };
  }

  private refuseRemovedTenant(identity: Identity): void {
    if (identity.tenant !== null && !this.deps.configuredTenants.has(identity.tenant)) {
      throw new UnauthenticatedError('auth.tenant_removed', 'this tenant is no longer served here');
    }
  }
}
