// Logging in, step by step: the password, then (for every role but agents, and for agents who
// chose it) a TOTP code or a recovery code, or the enrolment of a first TOTP secret. Each step
// that succeeds ends the session it came from and opens a new one (a new cookie and CSRF token),
// so a session id seen before login is worthless after it. Failed passwords and codes count
// against the account (locked for a while after `maxFailedAttempts`, logged) and against the
// client's address (rate-limited). Every outcome is written to the audit log; no secret ever is.
import { Op } from 'sequelize';
import type { Models, SessionStage, User, UserSession } from '../../db/models/index.js';
import { ConflictError, TooManyRequestsError, UnauthenticatedError } from '../errors/domain.js';
import type { AddressLimiter } from './address-limiter.js';
import type { AuditLog } from './audit.js';
import { checkPassword } from './passwords.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import type { OpenedSession, SessionStore } from './sessions.js';
import { checkTotp, newTotpSecret, totpUri, type SecretBox } from './totp.js';

export interface LoginPolicy {
  maxFailedAttempts: number;
  lockMs: number;
  totpIssuer: string;
}

export interface Client {
  address: string | null;
  userAgent: string | null;
}

export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** Every role but agents must have a second factor. */
export const requiresSecondFactor = (user: Pick<User, 'role'>): boolean => user.role !== 'agent';

export class LoginService {
  constructor(private readonly deps: {
    models: Pick<Models, 'User' | 'UserSession' | 'UserRecoveryCode' | 'Tenant'>;
    sessions: SessionStore;
    audit: AuditLog;
    limiter: AddressLimiter;
    box: SecretBox;
    policy: LoginPolicy;
    /** Whether a tenant (by id) is still in the configuration. */
    tenantConfigured: (tenantId: number) => boolean;
  }) {}

  /** The password step. `previous` is the session the browser had, if any: it is ended. */
  async login(login: string, password: string, client: Client, previous: UserSession | undefined, now: Date): Promise<OpenedSession & { user: User }> {
    this.limitAddress(client, now);
    const user = await this.deps.models.User.findOne({ where: { login } });
    const base = { tenantId: user?.tenantId ?? null, userId: user?.id ?? null, actor: user ? `user ${user.id} (${user.login})` : null };
    if (user) this.refuseLocked(user, now);
    const matches = await checkPassword(user?.passwordHash, password);
    if (!user || !matches) {
      if (user) await this.countFailure(user, 'login.failed', now);
      else await this.deps.audit.record({ type: 'login.failed', data: { login: login.slice(0, 64), reason: 'unknown_login' } });
      throw new UnauthenticatedError('auth.bad_credentials', 'wrong login or password');
    }
    if (user.disabledAt) {
      await this.deps.audit.record({ type: 'login.failed', ...base, data: { reason: 'disabled' } });
      throw new UnauthenticatedError('auth.bad_credentials', 'wrong login or password');
    }
    if (user.tenantId !== null && !this.deps.tenantConfigured(user.tenantId)) {
      await this.deps.audit.record({ type: 'login.failed', ...base, data: { reason: 'tenant_removed' } });
      throw new UnauthenticatedError('auth.tenant_removed', 'this tenant is no longer served here');
    }
    await user.update({ failedAttempts: 0, lockedUntil: null });
    const stage: SessionStage = user.totpSealed ? 'second_factor' : requiresSecondFactor(user) ? 'enrol_second_factor' : 'complete';
    if (previous) await this.deps.sessions.end(previous, 'rotated', now);
    const opened = await this.deps.sessions.open(user, stage, client, now);
    if (stage === 'complete') await this.loggedIn(user, 'password', now);
    else await this.deps.audit.record({ type: 'login.password_ok', ...base, data: { next: stage } });
    return { ...opened, user };
  }

  /** The second-factor step: a TOTP code (each code once) or one of the recovery codes. */
  async secondFactor(session: UserSession, user: User, proof: SecondFactorProof, client: Client, now: Date): Promise<OpenedSession> {
    if (session.stage !== 'second_factor' || !user.totpSealed) throw new ConflictError('auth.no_second_factor_due', 'no second factor is due for this session');
    this.limitAddress(client, now);
    this.refuseLocked(user, now);
    if ('code' in proof) {
      const check = await checkTotp(this.deps.box.open(user.totpSealed), proof.code, user.totpLastStep, now);
      if (check.result !== 'ok') {
        await this.countFailure(user, check.result === 'replayed' ? 'second_factor.replayed' : 'second_factor.failed', now);
        throw check.result === 'replayed'
          ? new UnauthenticatedError('auth.code_replayed', 'this code was already used: wait for the next one')
          : new UnauthenticatedError('auth.bad_code', 'wrong code');
      }
      // Conditional, so two requests racing with the same code cannot both pass.
      const [taken] = await this.deps.models.User.update({ totpLastStep: check.step, failedAttempts: 0 }, {
        where: { id: user.id, [Op.or]: [{ totpLastStep: null }, { totpLastStep: { [Op.lt]: check.step } }] },
      });
      if (!taken) throw new UnauthenticatedError('auth.code_replayed', 'this code was already used: wait for the next one');
      const next = await this.deps.sessions.rotate(session, user, 'complete', now);
      await this.loggedIn(user, 'totp', now);
      return next;
    }
    const hash = recoveryCodeHash(proof.recoveryCode);
    const [used] = hash ? await this.deps.models.UserRecoveryCode.update({ usedAt: now }, { where: { userId: user.id, codeSha256: hash, usedAt: null } }) : [0];
    if (!used) {
      await this.countFailure(user, 'second_factor.failed', now);
      throw new UnauthenticatedError('auth.bad_code', 'wrong code');
    }
    await user.update({ failedAttempts: 0 });
    const remaining = await this.deps.models.UserRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
    const next = await this.deps.sessions.rotate(session, user, 'complete', now);
    await this.deps.audit.record({ type: 'second_factor.recovery_code_used', tenantId: user.tenantId, userId: user.id, actor: actorOf(user), data: { remaining } });
    await this.loggedIn(user, 'recovery_code', now);
    return next;
  }

  /** A new TOTP secret to enrol (first login of a role that needs one, or a change later). */
  async startEnrolment(session: UserSession, user: User): Promise<{ secret: string; otpauthUri: string }> {
    if (session.stage !== 'enrol_second_factor' && session.stage !== 'complete') {
      throw new ConflictError('auth.no_enrolment_due', 'finish logging in first');
    }
    const secret = newTotpSecret();
    await user.update({ totpPendingSealed: this.deps.box.seal(secret) });
    await this.deps.audit.record({ type: 'second_factor.enrolment_started', tenantId: user.tenantId, userId: user.id, actor: actorOf(user) });
    return { secret, otpauthUri: totpUri(secret, this.deps.policy.totpIssuer, user.login) };
  }

  /** The first code of the new secret: the secret becomes the user's, with ten new recovery codes. */
  async confirmEnrolment(session: UserSession, user: User, code: string, client: Client, now: Date): Promise<OpenedSession & { recoveryCodes: string[] }> {
    if (!user.totpPendingSealed) throw new ConflictError('auth.no_enrolment_due', 'start the enrolment first');
    if (session.stage !== 'enrol_second_factor' && session.stage !== 'complete') throw new ConflictError('auth.no_enrolment_due', 'finish logging in first');
    this.limitAddress(client, now);
    this.refuseLocked(user, now);
    const check = await checkTotp(this.deps.box.open(user.totpPendingSealed), code, null, now);
    if (check.result !== 'ok') {
      await this.countFailure(user, 'second_factor.enrolment_failed', now);
      throw new UnauthenticatedError('auth.bad_code', 'wrong code');
    }
    const recoveryCodes = newRecoveryCodes();
    await user.sequelize.transaction(async (transaction) => {
      await user.update({
        totpSealed: user.totpPendingSealed, totpPendingSealed: null, totpEnabledAt: now, totpLastStep: check.step, failedAttempts: 0,
      }, { transaction });
      await this.deps.models.UserRecoveryCode.destroy({ where: { userId: user.id }, transaction });
      await this.deps.models.UserRecoveryCode.bulkCreate(
        recoveryCodes.map((c) => ({ userId: user.id, codeSha256: recoveryCodeHash(c) ?? '' })), { transaction },
      );
    });
    const wasComplete = session.stage === 'complete';
    const next = await this.deps.sessions.rotate(session, user, 'complete', now);
    await this.deps.audit.record({ type: 'second_factor.enrolled', tenantId: user.tenantId, userId: user.id, actor: actorOf(user), data: { replaced: wasComplete } });
    if (!wasComplete) await this.loggedIn(user, 'enrolment', now);
    return { ...next, recoveryCodes };
  }

  async logout(session: UserSession, user: User, now: Date): Promise<void> {
    await this.deps.sessions.end(session, 'logout', now);
    await this.deps.audit.record({ type: 'logout', tenantId: user.tenantId, userId: user.id, actor: actorOf(user) });
  }

  private limitAddress(client: Client, now: Date): void {
    const wait = this.deps.limiter.hit(client.address ?? 'unknown', now.getTime());
    if (wait > 0) {
      void this.deps.audit.record({ type: 'login.rate_limited', data: { address: client.address ?? 'unknown' } });
      throw new TooManyRequestsError('auth.rate_limited', 'too many attempts from this address: wait a little', { retryAfterSeconds: wait });
    }
  }

  private refuseLocked(user: User, now: Date): void {
    if (user.lockedUntil && user.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new TooManyRequestsError('auth.locked', 'this account is locked for a while after too many failures', { retryAfterSeconds });
    }
  }

  /** One more failure on the account; at the limit the account locks (and that is logged). */
  private async countFailure(user: User, type: string, now: Date): Promise<void> {
    const failures = user.failedAttempts + 1;
    const base = { tenantId: user.tenantId, userId: user.id, actor: actorOf(user) };
    if (failures >= this.deps.policy.maxFailedAttempts) {
      const lockedUntil = new Date(now.getTime() + this.deps.policy.lockMs);
      await user.update({ failedAttempts: 0, lockedUntil });
      await this.deps.audit.record({ type, ...base, data: { failures } });
      await this.deps.audit.record({ type: 'login.locked', ...base, data: { until: lockedUntil.toISOString(), failures } });
      throw new TooManyRequestsError('auth.locked', 'this account is locked for a while after too many failures', { retryAfterSeconds: Math.ceil(this.deps.policy.lockMs / 1000) });
    }
    await user.update({ failedAttempts: failures });
    await this.deps.audit.record({ type, ...base, data: { failures } });
  }

  private async loggedIn(user: User, method: string, now: Date): Promise<void> {
    await user.update({ lastLoginAt: now });
    await this.deps.audit.record({ type: 'login.ok', tenantId: user.tenantId, userId: user.id, actor: actorOf(user), data: { method } });
  }
}

export const actorOf = (user: Pick<User, 'id' | 'login'>): string => `user ${user.id} (${user.login})`;

