// The security audit log (audit_events, append-only). Writes never throw into the request that
// caused them: a failure is logged with the event's type (and never a secret), so a database
// hiccup cannot turn a refusal into a 500. Logins await their row; refusals do not.
import type { Request } from '@hapi/hapi';
import type { JsonValue, Models } from '../../db/models/index.js';
import type { Logger } from '../log/logger.js';
import type { Identity } from './credentials.js';

export interface AuditEntry {
  type: string;
  tenantId?: number | null;
  userId?: number | null;
  tokenId?: number | null;
  actor?: string | null;
  data?: Record<string, JsonValue>;
}

/** Fields that must never reach the log, whatever a caller passes in `data`. */
const SECRET_KEYS = /password|secret|code|token|csrf|cookie|authorization/i;

export class AuditLog {
  constructor(private readonly models: Pick<Models, 'AuditEvent'>, private readonly log: Logger) {}

  async record(entry: AuditEntry, request?: Request): Promise<void> {
    const data = Object.fromEntries(Object.entries(entry.data ?? {}).filter(([k]) => !SECRET_KEYS.test(k)));
    try {
      await this.models.AuditEvent.create({
        at: new Date(), type: entry.type, tenantId: entry.tenantId ?? null, userId: entry.userId ?? null,
        tokenId: entry.tokenId ?? null, actor: entry.actor?.slice(0, 140) ?? null, data,
        address: request?.info.remoteAddress ?? null, method: request?.method.toUpperCase() ?? null,
        path: request?.path.slice(0, 255) ?? null, status: null,
      });
    } catch (err) {
      this.log.error({ err: String(err), audit: entry.type }, 'audit event not written');
    }
  }

  /** A refused request (401 or 403), with who asked (when known) and what they asked for. */
  refused(request: Request, status: number, errorId: string, identity: Identity | undefined): void {
    void this.models.AuditEvent.create({
      at: new Date(), type: status === 401 ? 'auth.unauthenticated' : 'auth.forbidden',
      tenantId: identity?.tenantId ?? null, userId: identity?.userId ?? null, tokenId: identity?.tokenId ?? null,
      actor: identity?.actor ?? null, address: request.info.remoteAddress, method: request.method.toUpperCase(),
      path: request.path.slice(0, 255), status, data: { error: errorId },
    }).catch((err: unknown) => this.log.error({ err: String(err), audit: 'refused', path: request.path }, 'audit event not written'));
  }
}

/** The identity of an authenticated request, or undefined. */
export function identityIfAny(request: Request): Identity | undefined {
  return request.auth.isAuthenticated ? request.auth.credentials as unknown as Identity : undefined;
}
