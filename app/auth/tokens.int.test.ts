// API tokens against a real MariaDB: only the hash is stored, revocation and unknown tokens,
// last use, the tenant rules of roles, an agent token's own agent, and the `cli.js token`
// command's output.
import anyTest, { type TestFn } from 'ava';
import { AgentDirectory, type AgentRecord } from '../agents/directory.js';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { generateToken, hashToken, TOKEN_RE } from './token-format.js';
import { createToken, type NewToken, revokeToken, runTokenCommand, TokenInputError, verifyToken } from './tokens.js';

const test = anyTest as TestFn<{ db: ScratchDb; models: Models; agents: Record<'habitat101' | 'habitat102' | 'energie101' | 'gone', AgentRecord> }>;

test.before(async (t) => {
  t.context.db = await createScratchDb();
  await migrateUp(t.context.db.sequelize);
  t.context.models = initModels(t.context.db.sequelize);
  const { models } = t.context;
  const habitat = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const energie = await models.Tenant.create({ slug: 'energie', name: 'Énergie', country: 'MA', timezone: 'Africa/Casablanca', languages: ['fr'] });
  const directory = new AgentDirectory(models);
  const agent = async (tenant: { id: number; slug: string }, login: string) => (await directory.create(tenant, { login, name: `Agent ${login}`, skills: [] })).agent;
  t.context.agents = {
    habitat101: await agent(habitat, '101'),
    habitat102: await agent(habitat, '102'),
    energie101: await agent(energie, '101'),
    gone: await agent(habitat, '109'),
  };
  await directory.remove(habitat, t.context.agents.gone.id);
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

test.serial('given a new tenant token, when created, then the token is shown once and only its SHA-256 is stored', async (t) => {
  const { models } = t.context;
  const created = await createToken(models, { tenant: 'habitat', role: 'supervisor', name: '  Marie  ' });

  t.regex(created.token, TOKEN_RE);
  const row = await models.ApiToken.findByPk(created.id);
  t.like(row?.get({ plain: true }), { role: 'supervisor', name: 'Marie', tokenSha256: hashToken(created.token), lastUsedAt: null, revokedAt: null });
  const [dump] = await t.context.db.sequelize.query('SELECT * FROM api_tokens');
  t.false(JSON.stringify(dump).includes(created.token.slice(6)), 'the token itself is nowhere in the table');
});

test.serial('given a live token, when verified, then its credentials come back and its last use is written at most once a minute', async (t) => {
  const { models } = t.context;
  const { id, token } = await createToken(models, { tenant: 'habitat', role: 'tenant_admin', name: 'admin' });
  const t0 = new Date('2026-11-22T10:00:00.000Z');

  const credentials = await verifyToken(models, token, t0);

  t.deepEqual(credentials, {
    kind: 'token', tokenId: id, userId: null, sessionId: null, sessionStage: null, actor: `token ${id} (admin)`,
    tenantId: 1, tenant: 'habitat', role: 'tenant_admin', agentId: null, scope: ['tenant_admin'],
  });
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, t0);
  await verifyToken(models, token, new Date(t0.getTime() + 30_000));
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, t0, 'not rewritten within the minute');
  const later = new Date(t0.getTime() + 61_000);
  await verifyToken(models, token, later);
  t.deepEqual((await models.ApiToken.findByPk(id))?.lastUsedAt, later);
});

test.serial('given an operator token, when verified, then it has no tenant', async (t) => {
  const { models } = t.context;
  const { token } = await createToken(models, { tenant: null, role: 'operator_admin', name: 'ops' });
  t.like(await verifyToken(models, token), { tenant: null, tenantId: null, role: 'operator_admin' });
});

test.serial('given a revoked, an unknown or a malformed token, when verified, then nothing is accepted', async (t) => {
  const { models } = t.context;
  const { id, token } = await createToken(models, { tenant: 'habitat', role: 'agent', agent: '101', name: 'leaver' });

  t.is(await revokeToken(models, id), 'revoked');
  t.is(await revokeToken(models, id), 'already_revoked');
  t.is(await revokeToken(models, 99_999), 'not_found');
  t.is(await verifyToken(models, token), undefined);
  t.is(await verifyToken(models, generateToken()), undefined);
  t.is(await verifyToken(models, 'ccapp_short'), undefined);
});

test.serial('given roles against the tenant rules or an unknown tenant, when created, then they are refused and nothing is stored', async (t) => {
  const { models } = t.context;
  const before = await models.ApiToken.count();
  for (const input of [
    { tenant: 'habitat', role: 'operator_admin', name: 'x' },
    { tenant: null, role: 'tenant_admin', name: 'x' },
    { tenant: null, role: 'client_viewer', name: 'x' },
    { tenant: 'nowhere', role: 'agent', agent: '101', name: 'x' },
    { tenant: 'habitat', role: 'agent', agent: '101', name: '   ' },
  ] as const) {
    await t.throwsAsync(createToken(models, input), { instanceOf: TokenInputError }, JSON.stringify(input));
  }
  t.is(await models.ApiToken.count(), before);
});

test.serial('given the token command, when used, then create prints the token alone on stdout and revoke revokes it', async (t) => {
  const { models } = t.context;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

  t.is(await runTokenCommand(['create', '--tenant', '-', '--role', 'supervisor', '--name', 'Night shift'], models, io), 0);
  t.is(out.length, 1);
  t.regex(out[0] ?? '', TOKEN_RE);
  t.regex(err.join('\n'), /token \d+ created \(supervisor, all tenants\); it is shown once/);
  const credentials = await verifyToken(models, out[0] ?? '');
  t.like(credentials, { role: 'supervisor', tenant: null });

  t.is(await runTokenCommand(['revoke', String(credentials?.tokenId)], models, io), 0);
  t.is(await verifyToken(models, out[0] ?? ''), undefined);
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'boss', '--name', 'x'], models, io), 64);
  t.is(await runTokenCommand(['create', '--role', 'agent', '--agent', '101', '--name', 'x'], models, io), 64);
  t.is(await runTokenCommand(['create', '--tenant', 'nowhere', '--role', 'agent', '--agent', '101', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['revoke', 'abc'], models, io), 64);
  t.is(await runTokenCommand(['revoke', '424242'], models, io), 65);
  t.is(await runTokenCommand([], models, io), 64);
});

test.serial('given an agent of the tenant, when an agent token is made for its login, then the token acts for that agent alone', async (t) => {
  const { models, agents } = t.context;

  const created = await createToken(models, { tenant: 'habitat', role: 'agent', agent: '102', name: 'Agent 102' });

  t.like(created, { role: 'agent', tenant: 'habitat', agent: '102', agentId: agents.habitat102.id });
  t.is((await models.ApiToken.findByPk(created.id))?.agentId, agents.habitat102.id);
  t.deepEqual(await verifyToken(models, created.token), {
    kind: 'token', tokenId: created.id, userId: null, sessionId: null, sessionStage: null, actor: `token ${created.id} (Agent 102)`,
    tenantId: 1, tenant: 'habitat', role: 'agent', agentId: agents.habitat102.id, scope: ['agent'],
  });
});

test.serial('given agent tokens against the agent rule, when created, then each is refused with its reason and nothing is stored', async (t) => {
  const { models } = t.context;
  const before = await models.ApiToken.count();
  const cases: [NewToken, RegExp][] = [
    [{ tenant: 'habitat', role: 'agent', name: 'x' }, /acts for one agent of its tenant: give the agent's login \(--agent\)/],
    [{ tenant: 'habitat', role: 'agent', agent: '999', name: 'x' }, /no agent with login "999" in tenant "habitat"/],
    [{ tenant: 'habitat', role: 'agent', agent: '109', name: 'x' }, /no agent with login "109"/],
    [{ tenant: 'energie', role: 'agent', agent: '102', name: 'x' }, /no agent with login "102" in tenant "energie"/],
    [{ tenant: null, role: 'agent', agent: '101', name: 'x' }, /an agent token belongs to one tenant/],
    [{ tenant: 'habitat', role: 'supervisor', agent: '101', name: 'x' }, /a supervisor token acts for no single agent/],
    [{ tenant: null, role: 'operator_admin', agent: '101', name: 'x' }, /an operator_admin token acts for no single agent/],
  ];
  for (const [input, message] of cases) {
    await t.throwsAsync(createToken(models, input), { instanceOf: TokenInputError, message }, JSON.stringify(input));
  }
  t.is(await models.ApiToken.count(), before);
});

test.serial('given the same login in two tenants, when an agent token is made in each, then each names its own tenant\'s agent', async (t) => {
  const { models, agents } = t.context;
  const habitat = await createToken(models, { tenant: 'habitat', role: 'agent', agent: '101', name: 'h' });
  const energie = await createToken(models, { tenant: 'energie', role: 'agent', agent: '101', name: 'e' });
  t.like(await verifyToken(models, habitat.token), { tenant: 'habitat', agentId: agents.habitat101.id });
  t.like(await verifyToken(models, energie.token), { tenant: 'energie', agentId: agents.energie101.id });
});

test.serial('given an agent token, when its agent is deleted, then the token is no longer accepted', async (t) => {
  const { models } = t.context;
  const tenant = { id: 1, slug: 'habitat' };
  const directory = new AgentDirectory(models);
  const { agent } = await directory.create(tenant, { login: '103', name: 'Short stay', skills: [] });
  const { token } = await createToken(models, { tenant: 'habitat', role: 'agent', agent: '103', name: 'short stay' });
  t.like(await verifyToken(models, token), { agentId: agent.id });

  await directory.remove(tenant, agent.id);

  t.is(await verifyToken(models, token), undefined);
});

test.serial('given stored tokens that break the agent rule (made before it), when verified, then they are refused', async (t) => {
  const { models, agents } = t.context;
  const agentWithoutAgent = generateToken();
  const supervisorWithAgent = generateToken();
  const agentOfAnotherTenant = generateToken();
  await models.ApiToken.bulkCreate([
    { tenantId: 1, role: 'agent', name: 'legacy', tokenSha256: hashToken(agentWithoutAgent) },
    { tenantId: 1, role: 'supervisor', agentId: agents.habitat101.id, name: 'odd', tokenSha256: hashToken(supervisorWithAgent) },
    { tenantId: 1, role: 'agent', agentId: agents.energie101.id, name: 'crossed', tokenSha256: hashToken(agentOfAnotherTenant) },
  ]);

  for (const token of [agentWithoutAgent, supervisorWithAgent, agentOfAnotherTenant]) t.is(await verifyToken(models, token), undefined);
});

test.serial('given the token command with --agent, when used, then only an agent token takes it and the agent is named on stderr', async (t) => {
  const { models, agents } = t.context;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'agent', '--agent', '101', '--name', 'Agent 101'], models, io), 0);
  t.is(out.length, 1);
  t.regex(err.join('\n'), /token \d+ created \(agent, habitat, agent 101\); it is shown once/);
  t.like(await verifyToken(models, out[0] ?? ''), { role: 'agent', agentId: agents.habitat101.id });

  err.length = 0;
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'agent', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'agent', '--agent', '404', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'tenant_admin', '--agent', '101', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['create', '--tenant', 'energie', '--role', 'agent', '--agent', '102', '--name', 'x'], models, io), 65);
  t.is(await runTokenCommand(['create', '--tenant', 'habitat', '--role', 'agent', '--agent', '--name', 'x'], models, io), 64);
  t.deepEqual(err.slice(0, 4).map((l) => l.replace(/:.*/, '')), ['token refused', 'token refused', 'token refused', 'token refused']);
  t.regex(err.join('\n'), /give the agent's login \(--agent\)[\s\S]*no agent with login "404"[\s\S]*a tenant_admin token acts for no single agent[\s\S]*no agent with login "102" in tenant "energie"/);
  t.is(out.length, 1, 'no token printed for a refusal');
});
