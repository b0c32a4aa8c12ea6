// For app/people/*.int.test.ts: a scratch database with two tenants (habitat, energie) and their
// agents, API tokens of each kind of caller, and a server serving the people plugin behind the
// real auth plugin (owners from owners.ts), called through hapi's inject. Every answer's body is
// kept, so a test can assert that no hash or secret ever left the server.
import Hapi from '@hapi/hapi';
import { pino } from 'pino';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { AgentDirectory, type AgentRecord } from '../agents/directory.js';
import type { AuditLog } from '../auth/audit.js';
import { authPlugin } from '../auth/plugin.js';
import { SESSION_COOKIE } from '../auth/authenticator.js';
import type { SessionStore } from '../auth/sessions.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { authOptionsForTests } from '../auth/test-support.js';
import { createToken, type NewToken } from '../auth/tokens.js';
import { errorsPlugin } from '../errors/plugin.js';
import { peopleOwners, peoplePlugin } from './plugin.js';

export type Caller = 'operator' | 'habitatAdmin' | 'energieAdmin' | 'habitatViewer' | 'habitatSupervisor' | 'staffSupervisor';

const CALLERS: Record<Caller, NewToken> = {
  operator: { tenant: null, role: 'operator_admin', name: 'ops console' },
  habitatAdmin: { tenant: 'habitat', role: 'tenant_admin', name: 'habitat admin' },
  energieAdmin: { tenant: 'energie', role: 'tenant_admin', name: 'energie admin' },
  habitatViewer: { tenant: 'habitat', role: 'client_viewer', name: 'habitat viewer' },
  habitatSupervisor: { tenant: 'habitat', role: 'supervisor', name: 'habitat supervisor' },
  staffSupervisor: { tenant: null, role: 'supervisor', name: 'staff supervisor' },
};

export interface Answer<B = Record<string, unknown>> {
  status: number;
  body: B;
}

/** A web session's credentials for a request: its cookie and, for changes, its CSRF token. */
export interface SessionCredentials {
  sid: string;
  csrf: string;
}

export interface PeopleFixture {
  db: ScratchDb;
  models: Models;
  server: Hapi.Server;
  sessions: SessionStore;
  audit: AuditLog;
  tenants: { habitat: TenantRef; energie: TenantRef };
  agents: { habitat201: AgentRecord; habitat202: AgentRecord; habitat203: AgentRecord; energie205: AgentRecord };
  tokens: Record<Caller, { id: number; token: string }>;
  /** Every answer's raw body, in order. */
  answers: string[];
  /** A request as a caller (by name), a raw token or a web session. */
  call: <B = Record<string, unknown>>(who: Caller | { token: string } | SessionCredentials, method: string, url: string, payload?: unknown) => Promise<Answer<B>>;
  stop: () => Promise<void>;
}

export async function peopleFixture(): Promise<PeopleFixture> {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const tenant = async (slug: string, name: string) => {
    const row = await models.Tenant.create({ slug, name, country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
    return { id: row.id, slug: row.slug };
  };
  const tenants = { habitat: await tenant('habitat', 'Habitat'), energie: await tenant('energie', 'Énergie') };
  const directory = new AgentDirectory(models);
  const agent = async (t: TenantRef, login: string) => (await directory.create(t, { login, name: `Agent ${login}`, skills: [] })).agent;
  const agents = {
    habitat201: await agent(tenants.habitat, '201'), habitat202: await agent(tenants.habitat, '202'),
    habitat203: await agent(tenants.habitat, '203'), energie205: await agent(tenants.energie, '205'),
  };
  const tokens = {} as Record<Caller, { id: number; token: string }>;
  for (const [who, input] of Object.entries(CALLERS) as [Caller, NewToken][]) {
    const { id, token } = await createToken(models, input);
    tokens[who] = { id, token };
  }
  const auth = authOptionsForTests(models, peopleOwners(models));
  const server = Hapi.server();
  await server.register([
    { plugin: errorsPlugin, options: { log: pino({ level: 'silent' }) } },
    { plugin: authPlugin, options: auth },
    { plugin: peoplePlugin, options: { models, sessions: auth.sessions, audit: auth.audit } },
  ]);
  await server.initialize();
  const answers: string[] = [];
  return {
    db, models, server, sessions: auth.sessions, audit: auth.audit, tenants, agents, tokens, answers,
    call: async <B>(who: Caller | { token: string } | SessionCredentials, method: string, url: string, payload?: unknown): Promise<Answer<B>> => {
      const headers: Record<string, string> = typeof who === 'object' && 'sid' in who
        ? { cookie: `${SESSION_COOKIE}=${who.sid}`, 'x-csrf-token': who.csrf }
        : { authorization: `Bearer ${typeof who === 'string' ? tokens[who].token : who.token}` };
      const res = await server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
      answers.push(res.payload);
      return { status: res.statusCode, body: (res.payload ? JSON.parse(res.payload) : {}) as B };
    },
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

/** The audit rows of a type, oldest first, as stored. */
export async function auditRows(models: Models, type: string) {
  const rows = await models.AuditEvent.findAll({ where: { type }, order: [['id', 'ASC']] });
  return rows.map((r) => {
    const data: unknown = r.data;
    return { ...r.get({ plain: true }), data: (typeof data === 'string' ? JSON.parse(data) : data) as Record<string, unknown> };
  });
}
