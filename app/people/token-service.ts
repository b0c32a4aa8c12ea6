// Machines' API tokens as administrators manage them over the API: list a tenant's (or the
// staff's) tokens, create one (its secret is returned once, made by app/auth/tokens.ts, which
// keeps only its hash), revoke one. Creation and revocation are audited: the row names the token
// (tokenId) and its tenant, `actor` and data.author who did it. Refusals are DomainErrors with
// stable ids: token.not_found (404), token.name / token.tenant_rule / token.agent_rule /
// token.agent_not_found (422).
import type { JsonValue, Models } from '../../db/models/index.js';
import type { AuditLog } from '../auth/audit.js';
import type { Role } from '../auth/roles.js';
import { createToken, revokeToken, TokenInputError } from '../auth/tokens.js';
import { NotFoundError, UnprocessableError } from '../errors/domain.js';
import type { Acting, Scope } from './acting.js';
import { presentToken, type PresentedToken } from './present.js';

export type TokenModels = Pick<Models, 'ApiToken' | 'Tenant' | 'Agent'>;

export interface NewApiToken {
  name: string;
  role: Role;
  /** The login of the agent an agent token acts for; none for other roles. */
  agent?: string | null;
}

export class TokenService {
  constructor(private readonly deps: { models: TokenModels; audit: Pick<AuditLog, 'record'> }) {}

  async list(scope: Scope): Promise<PresentedToken[]> {
    const rows = await this.deps.models.ApiToken.findAll({ where: { tenantId: scope?.id ?? null }, order: [['id', 'ASC']] });
    const agentIds = [...new Set(rows.map((r) => r.agentId).filter((a) => a !== null))];
    const agents = new Map(agentIds.length === 0 ? [] : (await this.deps.models.Agent.findAll({ where: { id: agentIds }, attributes: ['id', 'login'], paranoid: false })).map((a) => [a.id, a.login]));
    return rows.map((r) => presentToken(r, { tenant: scope?.slug ?? null, agentLogin: r.agentId === null ? null : agents.get(r.agentId) ?? null }));
  }

  /** The new token, presented, and its secret: the only time anyone sees it. */
  async create(scope: Scope, input: NewApiToken, acting: Acting): Promise<{ token: PresentedToken; secret: string }> {
    let created;
    try {
      created = await createToken(this.deps.models, { tenant: scope?.slug ?? null, role: input.role, name: input.name, agent: input.agent ?? null });
    } catch (err) {
      if (err instanceof TokenInputError) throw new UnprocessableError(`token.${err.problem}`, err.message);
      throw err;
    }
    const row = await this.row(scope, created.id);
    const token = presentToken(row, { tenant: scope?.slug ?? null, agentLogin: created.agent ?? null });
    await this.record(acting, 'token.created', scope, created.id, { name: token.name, role: token.role, agentLogin: token.agentLogin });
    return { token, secret: created.token };
  }

  /** Revokes the token (already revoked: nothing to do, nothing audited). */
  async revoke(scope: Scope, id: number, acting: Acting): Promise<void> {
    const row = await this.row(scope, id);
    if (await revokeToken(this.deps.models, row.id) === 'revoked') {
      await this.record(acting, 'token.revoked', scope, row.id, { name: row.name, role: row.role });
    }
  }

  private async row(scope: Scope, id: number) {
    const row = await this.deps.models.ApiToken.findOne({ where: { id, tenantId: scope?.id ?? null } });
    if (!row) throw new NotFoundError('token.not_found', `no token ${id} here`, { token: id });
    return row;
  }

  private async record(acting: Acting, type: string, scope: Scope, tokenId: number, data: Record<string, JsonValue>): Promise<void> {
    await this.deps.audit.record({
      type, tenantId: scope?.id ?? null, tokenId, actor: acting.actor,
      data: { author: { userId: acting.author.userId, tokenId: acting.author.tokenId }, ...data },
    }, acting.request);
  }
}
