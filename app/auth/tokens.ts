// API tokens in the database: create (the token is shown once, only its hash is kept), revoke,
// and verify a presented token. An `agent` token names one live agent of its tenant (by login
// at creation); it is refused once that agent is deleted. Also the `cli.js token ...` command.
import { parseArgs } from 'node:util';
import type { Models } from '../../db/models/index.js';
import type { Identity } from './credentials.js';
import { agentRuleProblem, isRole, ROLES, tenantRuleProblem, type Role } from './roles.js';
import { generateToken, hashToken, isWellFormedToken } from './token-format.js';

export interface NewToken {
  /** A tenant's slug, or null for the outsourcer's own staff. */
  tenant: string | null;
  role: Role;
  name: string;
  /** The login of the agent an `agent` token acts for; none for the other roles. */
  agent?: string | null;
}

export interface CreatedToken extends NewToken {
  id: number;
  /** The id of the agent an `agent` token acts for, else null. */
  agentId: string | null;
  /** The token itself: shown once, never stored. */
  token: string;
}

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Why a token's input was refused: stable, for callers that answer with an error id. */
export type TokenInputProblem = 'name' | 'tenant_rule' | 'agent_rule' | 'tenant_not_found' | 'agent_not_found';

export class TokenInputError extends Error {
  override readonly name = 'TokenInputError';

  constructor(readonly problem: TokenInputProblem, message: string) {
    super(message);
  }
}

type TokenModels = Pick<Models, 'ApiToken' | 'Tenant' | 'Agent'>;

export async function createToken(models: TokenModels, input: NewToken): Promise<CreatedToken> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) throw new TokenInputError('name', 'the name must have 1 to 120 characters');
  const login = input.agent ?? null;
  const tenantProblem = tenantRuleProblem(input.role, input.tenant !== null);
  if (tenantProblem) throw new TokenInputError('tenant_rule', tenantProblem);
  const agentProblem = agentRuleProblem(input.role, login !== null);
  if (agentProblem) throw new TokenInputError('agent_rule', agentProblem);
  let tenantId: number | null = null;
  if (input.tenant !== null) {
    const tenant = await models.Tenant.findOne({ where: { slug: input.tenant } });
    if (!tenant) throw new TokenInputError('tenant_not_found', `no tenant "${input.tenant}"`);
    tenantId = tenant.id;
  }
  let agentId: string | null = null;
  if (login !== null) {
    // Deleted agents are left out (the model is paranoid).
    const agent = tenantId === null ? null : await models.Agent.findOne({ where: { tenantId, login }, attributes: ['id'] });
    if (!agent) throw new TokenInputError('agent_not_found', `no agent with login "${login}" in tenant "${input.tenant ?? '-'}"`);
    agentId = agent.id;
  }
  const token = generateToken();
  const row = await models.ApiToken.create({ tenantId, role: input.role, agentId, name, tokenSha256: hashToken(token) });
  return { id: row.id, token, tenant: input.tenant, role: input.role, agent: login, agentId, name };
}

export type RevokeResult = 'revoked' | 'already_revoked' | 'not_found';

export async function revokeToken(models: TokenModels, id: number, now = new Date()): Promise<RevokeResult> {
  const row = await models.ApiToken.findByPk(id);
  if (!row) return 'not_found';
  if (row.revokedAt) return 'already_revoked';
  await row.update({ revokedAt: now });
  return 'revoked';
}

/** Whether a stored token's agent rule holds: an `agent` token's agent exists in its tenant, not deleted. */
async function agentHolds(models: TokenModels, row: { role: Role; tenantId: number | null; agentId: string | null }): Promise<boolean> {
  if (agentRuleProblem(row.role, row.agentId !== null)) return false;
  if (row.agentId === null) return true;
  if (row.tenantId === null) return false;
  return await models.Agent.count({ where: { id: row.agentId, tenantId: row.tenantId } }) === 1;
}

/**
 * The credentials of a live token, or undefined for a malformed, unknown or revoked one, and for
 * an `agent` token whose agent is deleted or that names none (made before tokens named agents).
 */
export async function verifyToken(models: TokenModels, token: string, now = new Date()): Promise<Identity | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const row = await models.ApiToken.findOne({
    where: { tokenSha256: hashToken(token), revokedAt: null },
    include: [{ model: models.Tenant, as: 'tenant', attributes: ['slug'] }],
  });
  if (!row || !await agentHolds(models, row)) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await models.ApiToken.update({ lastUsedAt: now }, { where: { id: row.id } });
  }
  return {
    kind: 'token', tokenId: row.id, userId: null, sessionId: null, tenantId: row.tenantId, tenant: row.tenant?.slug ?? null,
    role: row.role, agentId: row.agentId, sessionStage: null, actor: `token ${row.id} (${row.name})`, scope: [row.role],
  };
}

export const TOKEN_USAGE = 'token create --tenant <slug|-> --role <role> [--agent <login>] --name <text> | token revoke <id>';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** `cli.js token ...`: 0 on success, 64 on bad usage, 65 on refused input (sysexits). */
export async function runTokenCommand(args: string[], models: TokenModels, io: CommandOutput): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values, positionals } = parseArgs({
      args: rest, allowPositionals: true, strict: false,
      options: { tenant: { type: 'string' }, role: { type: 'string' }, agent: { type: 'string' }, name: { type: 'string' } },
    });
    const { tenant, role, agent, name } = values;
    if (positionals.length || typeof tenant !== 'string' || typeof name !== 'string' || !isRole(role) || typeof agent === 'boolean') {
      io.err(`usage: ${TOKEN_USAGE}\nroles: ${ROLES.join(', ')} (an agent token names its agent's login with --agent)`);
      return 64;
    }
    try {
      const created = await createToken(models, { tenant: tenant === '-' ? null : tenant, role, agent: agent ?? null, name });
      const who = created.agent ? `, agent ${created.agent}` : '';
      io.err(`token ${created.id} created (${created.role}, ${created.tenant ?? 'all tenants'}${who}); it is shown once, keep it now:`);
      io.out(created.token);
      return 0;
    } catch (err) {
      if (!(err instanceof TokenInputError)) throw err;
      io.err(`token refused: ${err.message}`);
      return 65;
    }
  }
  if (sub === 'revoke' && rest.length === 1 && /^[1-9][0-9]{0,9}$/.test(rest[0] ?? '')) {
    const id = Number(rest[0]);
    const result = await revokeToken(models, id);
    if (result === 'not_found') {
      io.err(`no token ${id}`);
      return 65;
    }
    io.out(result === 'revoked' ? `token ${id} revoked` : `token ${id} was already revoked`);
    return 0;
  }
  io.err(`usage: ${TOKEN_USAGE}`);
  return 64;
}
