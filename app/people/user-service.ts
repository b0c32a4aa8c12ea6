// People who log in to the web panel, as their administrators manage them (the API's routes and
// the `cli.js user` command both come here): list, create, change (name, role, language, agent
// link, disabled, tenant), reset a password, reset the second factor. The rules:
//   - a user keeps the tenant and agent rules of their role (rules.ts);
//   - a tenant's administrator gives no one operator_admin and moves no one between tenants;
//   - no change leaves the appliance without an active operator_admin (checked under a lock, so
//     two administrators demoting each other at once cannot both succeed);
//   - a change of role, tenant, agent link or disabled, a password reset and a second-factor
//     reset raise the user's session epoch and end every open session at once;
//   - every change is audited: the row names the user changed (userId) and their tenant, `actor`
//     and data.author who made it; before/after hold non-secret fields only.
// Refusals are DomainErrors with stable ids (user.*): 403, 404, 409 or 422.
import { Op, literal, Transaction, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { JsonValue, Models, User } from '../../db/models/index.js';
import type { AuditLog } from '../auth/audit.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import type { SessionStore } from '../auth/sessions.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors/domain.js';
import type { Acting, Scope } from './acting.js';
import { generatePassword } from './generated-password.js';
import { auditFields, changedFields, presentUser, type NewUser, type PresentedUser, type UserChange } from './present.js';

export type { NewUser, UserChange };
import { agentRule, LOGIN_RE, losesLastOperatorAdmin, mayGrant, mayMoveTenant, NAME_MAX, tenantRule, type RuleProblem } from './rules.js';

export type UserModels = Pick<Models, 'User' | 'Tenant' | 'Agent' | 'UserRecoveryCode'>;

export interface UserServiceDeps {
  models: UserModels;
  sessions: Pick<SessionStore, 'endAll'>;
  audit: Pick<AuditLog, 'record'>;
  now?: () => Date;
}


export type PasswordReset = { password: string } | { generate: true };

/** A user, and the password made for them when the app generated it (shown once). */
export interface WithPassword {
  user: PresentedUser;
  password?: string;
}

const unprocessable = (p: RuleProblem) => new UnprocessableError(p.id, p.message);

function checkRule(problem: RuleProblem | undefined): void {
  if (problem) throw unprocessable(problem);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > NAME_MAX) throw new UnprocessableError('user.name_invalid', `the name must have 1 to ${NAME_MAX} characters`);
  return trimmed;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new UnprocessableError('user.password_weak', `the password needs ${problem}`, { problem });
}

export class UserService {
  private readonly now: () => Date;

  constructor(private readonly deps: UserServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private get sequelize(): Sequelize {
    const sequelize = this.deps.models.User.sequelize;
    if (!sequelize) throw new Error('the User model is not bound to a database');
    return sequelize;
  }

  async list(scope: Scope): Promise<PresentedUser[]> {
    const rows = await this.deps.models.User.findAll({ where: { tenantId: scope?.id ?? null }, order: [['login', 'ASC']] });
    return this.present(rows);
  }

  async get(scope: Scope, id: number): Promise<PresentedUser> {
    return this.presentOne(await this.row(scope, id));
  }

  /** The scope a tenant's slug (or null for staff) names, for the command line. */
  async scopeOf(slug: string | null): Promise<Scope> {
    if (slug === null) return null;
    const tenant = await this.deps.models.Tenant.findOne({ where: { slug }, attributes: ['id', 'slug'] });
    if (!tenant) throw new UnprocessableError('user.tenant_not_found', `no tenant "${slug}"`, { tenant: slug });
    return { id: tenant.id, slug: tenant.slug };
  }

  /** Where a login's user is (any tenant or staff), for the command line. */
  async locate(login: string): Promise<{ scope: Scope; id: number }> {
    const row = LOGIN_RE.test(login) ? await this.deps.models.User.findOne({ where: { login }, attributes: ['id', 'tenantId'] }) : null;
    if (!row) throw new NotFoundError('user.not_found', `no user with login "${login}"`, { login });
    if (row.tenantId === null) return { scope: null, id: row.id };
    const tenant = await this.deps.models.Tenant.findByPk(row.tenantId, { attributes: ['id', 'slug'] });
    return { scope: tenant ? { id: tenant.id, slug: tenant.slug } : null, id: row.id };
  }

  async create(scope: Scope, input: NewUser, acting: Acting): Promise<WithPassword> {
    const login = input.login.trim();
    if (!LOGIN_RE.test(login)) throw new UnprocessableError('user.login_invalid', 'a login has 2 to 64 letters, digits, and . _ @ - (not first)', { login });
    const name = checkName(input.name);
    if (!mayGrant(acting.role, input.role)) throw new ForbiddenError('user.role_forbidden', `the ${acting.role} role may not make a ${input.role}`, { role: input.role });
    checkRule(tenantRule(input.role, scope !== null));
    const agentLogin = input.agent ?? null;
    checkRule(agentRule(input.role, agentLogin !== null));
    if (input.password !== undefined) checkPassword(input.password);
    const agentId = agentLogin === null ? null : await this.agentIdOf(scope?.id ?? null, agentLogin);
    if (agentId !== null) await this.assertAgentFree(agentId, null);
    if (await this.deps.models.User.count({ where: { login } }) > 0) throw loginTaken(login);
    const password = input.password ?? generatePassword();
    let row: User;
    try {
      row = await this.deps.models.User.create({
        tenantId: scope?.id ?? null, login, name, role: input.role, agentId, language: input.language ?? 'fr',
        passwordHash: await hashPassword(password),
      });
    } catch (err) {
      throw err instanceof UniqueConstraintError ? uniqueConflict(err, login) : err;
    }
    // As stored: the defaults MariaDB filled in are not on the instance create() returned.
    const user = await this.presentOne(await row.reload());
    await this.record(acting, 'user.created', scope?.id ?? null, row.id, { user: auditFields(user) });
    return input.password === undefined ? { user, password } : { user };
  }

  async change(scope: Scope, id: number, change: UserChange, acting: Acting): Promise<PresentedUser> {
    const name = change.name === undefined ? undefined : checkName(change.name);
    if (change.role !== undefined && !mayGrant(acting.role, change.role)) {
      throw new ForbiddenError('user.role_forbidden', `the ${acting.role} role may not make a ${change.role}`, { role: change.role });
    }
    if (change.tenant !== undefined && !mayMoveTenant(acting.role)) {
      throw new ForbiddenError('user.tenant_change_forbidden', 'only an operator_admin moves a user to another tenant');
    }
    const now = this.now();
    // Any change that could take away an operator_admin first locks the active ones, so such
    // changes run one at a time and the count below stays true until commit.
    const mayDemote = change.role !== undefined || change.disabled === true;
    const outcome = await this.sequelize.transaction(async (transaction) => {
      const activeAdmins = mayDemote ? await this.lockActiveOperatorAdmins(transaction) : [];
      const row = await this.row(scope, id, transaction);
      const before = await this.presentOne(row, transaction);
      const tenantBefore = row.tenantId;
      const tenantId = change.tenant === undefined ? row.tenantId : change.tenant === null ? null : (await this.scopeOf(change.tenant))?.id ?? null;
      const tenantChanged = tenantId !== row.tenantId;
      const role = change.role ?? row.role;
      checkRule(tenantRule(role, tenantId !== null));
      // The link follows the role: kept while the user stays an agent of the same tenant.
      const keepsAgent = change.agent === undefined && role === 'agent' && !tenantChanged && row.agentId !== null;
      const agentLogin = change.agent === undefined ? null : change.agent;
      checkRule(agentRule(role, keepsAgent || agentLogin !== null));
      const agentId = keepsAgent ? row.agentId : agentLogin === null ? null : await this.agentIdOf(tenantId, agentLogin, transaction);
      if (agentId !== null && agentId !== row.agentId) await this.assertAgentFree(agentId, row.id, transaction);
      const disabled = change.disabled ?? row.disabledAt !== null;
      const activeBefore = row.role === 'operator_admin' && row.disabledAt === null;
      const activeAfter = role === 'operator_admin' && !disabled;
      if (losesLastOperatorAdmin({ activeOperatorAdminBefore: activeBefore, activeOperatorAdminAfter: activeAfter }, activeAdmins.filter((a) => a !== row.id).length)) {
        throw new ConflictError('user.last_operator_admin', 'this is the last active operator_admin: make another one first', { user: row.id });
      }
      const endsSessions = role !== row.role || tenantChanged || agentId !== row.agentId || disabled !== (row.disabledAt !== null);
      try {
        await row.update({
          name: name ?? row.name, role, tenantId, agentId, language: change.language ?? row.language,
          disabledAt: disabled ? row.disabledAt ?? now : null,
          ...(endsSessions ? { sessionEpoch: row.sessionEpoch + 1 } : {}),
        }, { transaction });
      } catch (err) {
        throw err instanceof UniqueConstraintError ? uniqueConflict(err, row.login) : err;
      }
      // Audited under the tenant the user is in now (the one they left when moved to the staff).
      return { before, after: await this.presentOne(row, transaction), endsSessions, auditTenantId: tenantId ?? tenantBefore };
    });
    const { before, after, endsSessions, auditTenantId: tenantId } = outcome;
    const sessionsEnded = endsSessions ? await this.deps.sessions.endAll(id, after.disabled ? 'user_disabled' : 'user_changed', now) : 0;
    if (before.disabled !== after.disabled) {
      await this.record(acting, after.disabled ? 'user.disabled' : 'user.enabled', tenantId, id, {
        before: { disabled: before.disabled }, after: { disabled: after.disabled }, sessionsEnded,
      });
    }
    const diff = changedFields(auditFields(before), auditFields(after), ['name', 'role', 'tenant', 'agentLogin', 'language'] as const);
    if (Object.keys(diff.after).length > 0) await this.record(acting, 'user.changed', tenantId, id, { ...diff, sessionsEnded });
    return after;
  }

  async resetPassword(scope: Scope, id: number, reset: PasswordReset, acting: Acting): Promise<WithPassword> {
    const chosen = 'password' in reset ? reset.password : undefined;
    if (chosen !== undefined) checkPassword(chosen);
    const row = await this.row(scope, id);
    const password = chosen ?? generatePassword();
    await this.deps.models.User.update({
      passwordHash: await hashPassword(password), failedAttempts: 0, lockedUntil: null, sessionEpoch: literal('session_epoch + 1'),
    }, { where: { id: row.id } });
    const sessionsEnded = await this.deps.sessions.endAll(row.id, 'user_changed', this.now());
    await this.record(acting, 'user.password_reset', row.tenantId, row.id, { generated: chosen === undefined, sessionsEnded });
    const user = await this.get(scope, id);
    return chosen === undefined ? { user, password } : { user };
  }

  /** Clears the TOTP secret and recovery codes: the user enrols again at their next login. */
  async resetSecondFactor(scope: Scope, id: number, acting: Acting): Promise<PresentedUser> {
    const row = await this.row(scope, id);
    const hadSecondFactor = row.totpSealed !== null;
    await this.sequelize.transaction(async (transaction) => {
      await this.deps.models.User.update({
        totpSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null, sessionEpoch: literal('session_epoch + 1'),
      }, { where: { id: row.id }, transaction });
      await this.deps.models.UserRecoveryCode.destroy({ where: { userId: row.id }, transaction });
    });
    const sessionsEnded = await this.deps.sessions.endAll(row.id, 'user_changed', this.now());
    await this.record(acting, 'second_factor.reset', row.tenantId, row.id, { hadSecondFactor, sessionsEnded });
    return this.get(scope, id);
  }

  /** The user `id` of the scope (locked for update inside a transaction), or a 404. */
  private async row(scope: Scope, id: number, transaction?: Transaction): Promise<User> {
    const row = await this.deps.models.User.findOne({
      where: { id, tenantId: scope?.id ?? null }, ...(transaction ? { transaction, lock: Transaction.LOCK.UPDATE } : {}),
    });
    if (!row) throw new NotFoundError('user.not_found', `no user ${id} here`, { user: id });
    return row;
  }

  private async lockActiveOperatorAdmins(transaction: Transaction): Promise<number[]> {
    const rows = await this.deps.models.User.findAll({
      where: { role: 'operator_admin', disabledAt: null }, attributes: ['id'], order: [['id', 'ASC']], lock: Transaction.LOCK.UPDATE, transaction,
    });
    return rows.map((r) => r.id);
  }

  private async agentIdOf(tenantId: number | null, login: string, transaction?: Transaction): Promise<string> {
    // Deleted agents are left out (the model is paranoid).
    const agent = tenantId === null ? null : await this.deps.models.Agent.findOne({ where: { tenantId, login }, attributes: ['id'], transaction });
    if (!agent) throw new UnprocessableError('user.agent_not_found', `no agent with login "${login}" in the user's tenant`, { agent: login });
    return agent.id;
  }

  private async assertAgentFree(agentId: string, exceptUser: number | null, transaction?: Transaction): Promise<void> {
    const other = await this.deps.models.User.findOne({
      where: { agentId, ...(exceptUser === null ? {} : { id: { [Op.ne]: exceptUser } }) }, attributes: ['id', 'login'], transaction,
    });
    if (other) throw new ConflictError('user.agent_taken', `this agent is already linked to user "${other.login}"`, { user: other.id });
  }

  private async record(acting: Acting, type: string, tenantId: number | null, userId: number, data: Record<string, JsonValue>): Promise<void> {
    await this.deps.audit.record({
      type, tenantId, userId, actor: acting.actor,
      data: { author: { userId: acting.author.userId, tokenId: acting.author.tokenId }, ...data },
    }, acting.request);
  }

  private async presentOne(row: User, transaction?: Transaction): Promise<PresentedUser> {
    const [user] = await this.present([row], transaction);
    if (!user) throw new Error('a presented row went missing');
    return user;
  }

  /** Users with their tenant's slug and their agent's login (a deleted agent's too). */
  private async present(rows: User[], transaction?: Transaction): Promise<PresentedUser[]> {
    const tenantIds = [...new Set(rows.map((r) => r.tenantId).filter((t) => t !== null))];
    const agentIds = [...new Set(rows.map((r) => r.agentId).filter((a) => a !== null))];
    const tenants = new Map(tenantIds.length === 0 ? [] : (await this.deps.models.Tenant.findAll({ where: { id: tenantIds }, attributes: ['id', 'slug'], transaction })).map((t) => [t.id, t.slug]));
    const agents = new Map(agentIds.length === 0 ? [] : (await this.deps.models.Agent.findAll({ where: { id: agentIds }, attributes: ['id', 'login'], paranoid: false, transaction })).map((a) => [a.id, a.login]));
    return rows.map((r) => presentUser(r, {
      tenant: r.tenantId === null ? null : tenants.get(r.tenantId) ?? null,
      agentLogin: r.agentId === null ? null : agents.get(r.agentId) ?? null,
    }));
  }
}

const loginTaken = (login: string) => new ConflictError('user.login_taken', `the login "${login}" is already used`, { login });

/** The unique index a concurrent write hit: the agent link's, else the login's. */
function uniqueConflict(err: UniqueConstraintError, login: string): ConflictError {
  const parent: unknown = err.parent;
  const where = `${Object.keys(err.fields).join(' ')} ${err.message} ${parent instanceof Error ? parent.message : ''}`;
  if (/agent/.test(where)) return new ConflictError('user.agent_taken', 'this agent is already linked to another user');
  return loginTaken(login);
}
