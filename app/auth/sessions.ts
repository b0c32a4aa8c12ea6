// Web sessions in MariaDB. The cookie holds a random 256-bit id; the row holds its SHA-256, the
// user's session epoch when it was opened, the login stage and the CSRF token. A session is
// refused once idle or too old, once it was ended (logout, rotation), when its user is disabled
// or their epoch moved (role, tenant or password changed), and when the user's tenant is no
// longer in the configuration.
import { createHash, randomBytes } from 'node:crypto';
import type { Models, SessionStage, User, UserSession } from '../../db/models/index.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export type SessionEnd = 'logout' | 'rotated' | 'idle' | 'expired' | 'user_changed' | 'user_disabled' | 'tenant_removed';

export type SessionCheck =
  | { ok: true; session: UserSession; user: User }
  | { ok: false; reason: 'unknown' | SessionEnd };

/** last_seen_at is written at most this often per session. */
const TOUCH_MS = 30_000;

const sha256 = (sid: string) => createHash('sha256').update(sid).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

export interface OpenedSession {
  sid: string;
  session: UserSession;
}

export class SessionStore {
  constructor(
    private readonly models: Pick<Models, 'User' | 'UserSession' | 'Tenant'>,
    private readonly policy: SessionPolicy,
    /** Whether a tenant (by id) is still in the configuration. */
    private readonly tenantConfigured: (tenantId: number) => boolean,
  ) {}

  async open(user: User, stage: SessionStage, client: { address: string | null; userAgent: string | null }, now: Date): Promise<OpenedSession> {
    const sid = newSecret();
    const session = await this.models.UserSession.create({
      sidSha256: sha256(sid), userId: user.id, epoch: user.sessionEpoch, stage, csrf: newSecret(),
      address: client.address, userAgent: client.userAgent?.slice(0, 255) ?? null, lastSeenAt: now,
    });
    return { sid, session };
  }

  /** The session behind a cookie value, checked against every rule above. */
  async check(sid: string, now: Date): Promise<SessionCheck> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(sid)) return { ok: false, reason: 'unknown' };
    const session = await this.models.UserSession.findOne({ where: { sidSha256: sha256(sid) } });
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.endedAt) return { ok: false, reason: (session.endedReason as SessionEnd | null) ?? 'logout' };
    const user = await this.models.User.findByPk(session.userId);
    const reason: SessionEnd | undefined =
      !user ? 'user_changed'
      : user.disabledAt ? 'user_disabled'
      : user.sessionEpoch !== session.epoch ? 'user_changed'
      : user.tenantId !== null && !this.tenantConfigured(user.tenantId) ? 'tenant_removed'
      : now.getTime() - session.createdAt.getTime() > this.policy.absoluteMs ? 'expired'
      : now.getTime() - session.lastSeenAt.getTime() > this.policy.idleMs ? 'idle'
      : undefined;
    if (reason || !user) {
      await this.end(session, reason ?? 'user_changed', now);
      return { ok: false, reason: reason ?? 'user_changed' };
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_MS) {
      await this.models.UserSession.update({ lastSeenAt: now }, { where: { id: session.id } });
    }
    return { ok: true, session, user };
  }

  /** Ends `session` and opens its successor for the same user at `stage` (a new id and CSRF token). */
  async rotate(session: UserSession, user: User, stage: SessionStage, now: Date): Promise<OpenedSession> {
    await this.end(session, 'rotated', now);
    return this.open(user, stage, { address: session.address, userAgent: session.userAgent }, now);
  }

  async end(session: UserSession, reason: SessionEnd, now: Date): Promise<void> {
    await this.models.UserSession.update({ endedAt: now, endedReason: reason }, { where: { id: session.id, endedAt: null } });
  }

  /** Ends every open session of a user (disabled, role or tenant changed, password reset). */
  async endAll(userId: number, reason: SessionEnd, now: Date): Promise<number> {
    const [n] = await this.models.UserSession.update({ endedAt: now, endedReason: reason }, { where: { userId, endedAt: null } });
    return n;
  }
}
