// The authorisation matrix on the running appliance: every route of the real app (its route
// table, composed in-process from the appliance's configuration) called by every identity (a
// token of each role of habitat, the outsourcer's operator admin and supervisor, energie's admin
// and agent, web sessions of an agent and a TOTP supervisor over HTTPS, a session still at its
// second factor, a session without its CSRF header, a revoked token, no credentials), with
// habitat's URL, energie's, an unknown tenant's, and for routes naming objects: the caller's own,
// another agent's, another tenant's and a missing one. What each gets follows from the route's
// access() declaration (test/support/authz-matrix.ts): 100 % of the wrong calls must be refused
// with the exact status and error id, none of the right ones refused by the authorisation point
// (the handler may still answer 400, 409 or 422 to the minimal bodies sent), and every 401 and
// 403 must be in the audit log under the caller that got it.
import { randomUUID } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import type { OwnedKind } from '../../app/auth/access.js';
import { PUBLIC_PATHS } from '../../app/auth/plugin.js';
import { ROLES, type Role } from '../../app/auth/roles.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { createToken } from '../support/api.js';
import {
  type Answer, appRouteTable, auditedRefusals, type AuditKey, auditKeyText, type Caller, errorOf, expectedVerdict, fillPath,
  insertHandledCall, lastAuditId, type MatrixCase, type MatrixRoute, type ObjectRef, refusalOfAllowed, type RouteTable,
  tokenRequest, type Verdict, WebSession,
} from '../support/authz-matrix.js';
import { eventually } from '../support/eventually.js';
import { createUser } from '../support/users.js';

const OWN = 'habitat';
const OTHER = 'energie';
const NOWHERE = 'nowhere';
/** Unique per run, so that reruns on the same appliance do not clash. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
/** Where the web sessions connect from: a loopback address of this run, with its own login limit. */
const BROWSER_ADDRESS = `127.88.${(process.pid % 250) + 1}.${(Date.now() % 250) + 1}`;

let table: RouteTable | undefined;
test.before(async () => {
  table = await appRouteTable();
});

const routeName = (r: Pick<MatrixRoute, 'method' | 'path'>): string => `${r.method} ${r.path}`;

test.serial('given the app composed from the appliance\'s configuration, when its route table is read, then every authenticated route declares who may call it and the known routes are all there', (t) => {
  if (!table) return t.fail('no route table');
  t.deepEqual(table.undeclared, [], 'authenticated routes without access()');
  const names = new Set(table.routes.map(routeName));
  for (const known of [
    'GET /api/tenants/{tenant}/agents', 'GET /api/tenants/{tenant}/users', 'POST /api/tenants/{tenant}/users', 'GET /api/staff/users',
    'GET /api/tenants/{tenant}/agents/{agentId}/panel', 'POST /api/tenants/{tenant}/calls/{callId}/wrapup', 'DELETE /api/tenants/{tenant}/tokens/{tokenId}',
    'POST /api/tenants/{tenant}/agents/{id}/state', 'GET /api/session', 'DELETE /api/session',
  ]) t.true(names.has(known), `${known} is in the route table`);
  t.true(table.publicRoutes.includes('POST /api/session/login'), 'the login is public');
  t.true(table.routes.length >= 40, `only ${table.routes.length} authenticated routes: the table is not the whole app`);
  for (const open of table.publicRoutes) t.true(PUBLIC_PATHS.includes(open.slice(open.indexOf(' ') + 1)), `${open} is one of PUBLIC_PATHS`);
  t.log(`${table.routes.length} authenticated routes; public, out of the matrix: ${table.publicRoutes.join(', ')}`);
});

/** A caller of the matrix: who it is to access.ts, and how it sends. */
interface Identity extends Caller {
  send: (method: string, path: string, body?: unknown) => Promise<Answer>;
}

const tokenIdentity = (label: string, token: string, id: number, who: Pick<Caller, 'role' | 'tenant' | 'agentId'>): Identity => ({
  label, kind: 'token', ...who, partial: false, csrf: true, tokenId: id, userId: null,
  send: (method, path, body) => tokenRequest(token, method, path, body),
});

const sessionIdentity = (label: string, session: WebSession, userId: number, who: Pick<Caller, 'role' | 'tenant' | 'agentId'>, opts: { csrf?: boolean } = {}): Identity => ({
  label, kind: 'session', ...who, partial: session.stage !== 'complete', csrf: opts.csrf ?? true, tokenId: null, userId,
  send: (method, path, body) => session.send(method, path, body, { csrf: opts.csrf ?? true }),
});

async function ok(answer: Promise<Answer>, what: string, status = [200, 201, 204]): Promise<unknown> {
  const res = await answer;
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Everything the matrix needs on the appliance, removed (agents, calls), revoked (tokens) or disabled (users) when the test ends. */
async function fixtures(t: ExecutionContext) {
  // The operator admin's token does the administration; revoked last (teardowns run in reverse).
  const opName = `authz-matrix ${RUN} operator_admin`;
  const op = await createToken('-', 'operator_admin', opName);
  const opIdOf = async (): Promise<number | undefined> =>
    (await ok(tokenRequest(op, 'GET', '/api/staff/tokens'), 'staff tokens') as { id: number; name: string }[]).find((k) => k.name === opName)?.id;
  t.teardown(async () => { await tokenRequest(op, 'DELETE', `/api/staff/tokens/${await opIdOf()}`); });
  const opId = await opIdOf();
  if (opId === undefined) throw new Error('the operator admin token is not listed');
  // The helpers' own clean-up does not wait for an app that restarts: done again here if need be.
  const made = { agents: [] as { tenant: string; id: string }[], users: [] as { tenant: string; id: number }[] };
  t.teardown(async () => {
    for (const { tenant, id } of made.agents) await tokenRequest(op, 'DELETE', `/api/tenants/${tenant}/agents/${id}`);
    for (const { tenant, id } of made.users) await tokenRequest(op, 'PATCH', `/api/tenants/${tenant}/users/${id}`, { disabled: true });
  });
  const newAgent = async (tenant: string): Promise<TestAgent> => {
    const created = await createAgent(t, tenant, []);
    made.agents.push({ tenant, id: created.id });
    return created;
  };
  const newUser = async (tenant: string, input: Parameters<typeof createUser>[2]): Promise<Awaited<ReturnType<typeof createUser>>> => {
    const created = await createUser(t, tenant, input);
    made.users.push({ tenant, id: created.id });
    return created;
  };
  const tokensPath = (tenant: string | null) => (tenant === null ? '/api/staff/tokens' : `/api/tenants/${tenant}/tokens`);

  /** A token made over the API by the operator admin (its id is in the answer), revoked at the end. */
  const apiToken = async (tenant: string | null, role: Role, agent?: string): Promise<{ id: number; secret: string }> => {
    const body = await ok(tokenRequest(op, 'POST', tokensPath(tenant), { name: `authz-matrix ${RUN} ${role} (throwaway)`, role, ...(agent ? { agent } : {}) }), `token ${role}`);
    const { token, secret } = body as { token: { id: number }; secret: string };
    t.teardown(async () => { await tokenRequest(op, 'DELETE', `${tokensPath(tenant)}/${token.id}`); });
    return { id: token.id, secret };
  };
  /** An identity's token made by the appliance's CLI, as an administrator would; its id read from the list. */
  const cliToken = async (tenant: string | null, role: Role, agent?: TestAgent): Promise<{ id: number; secret: string }> => {
    const name = `authz-matrix ${RUN} ${tenant ?? 'staff'} ${role}`;
    const secret = await createToken(tenant ?? '-', role, name, agent ? { agent: agent.login } : {});
    const listed = await ok(tokenRequest(op, 'GET', tokensPath(tenant)), 'tokens') as { id: number; name: string }[];
    const id = listed.find((k) => k.name === name)?.id;
    if (id === undefined) throw new Error(`token ${name} is not listed`);
    t.teardown(async () => { await tokenRequest(op, 'DELETE', `${tokensPath(tenant)}/${id}`); });
    return { id, secret };
  };

  // Agents: habitat's A (the agent identities' own) and B (another agent), energie's E.
  const a = await newAgent(OWN);
  const b = await newAgent(OWN);
  const e = await newAgent(OTHER);
  // Finished calls each agent handled.
  const calls = { a: await insertHandledCall(OWN, a.id), b: await insertHandledCall(OWN, b.id), e: await insertHandledCall(OTHER, e.id) };
  t.teardown(async () => { for (const c of Object.values(calls)) await c.remove(); });
  // Throwaway objects for the routes that change them (DELETE, PATCH, resets).
  const users = {
    own: await newUser(OWN, { role: 'client_viewer' }),
    other: await newUser(OTHER, { role: 'client_viewer' }),
  };
  const staffLogin = `authz.${RUN}.staff`;
  const staffUser = (await ok(tokenRequest(op, 'POST', '/api/staff/users', { login: staffLogin, name: 'Authz matrix staff', role: 'quality' }), 'staff user') as { user: { id: number } }).user;
  t.teardown(async () => { await tokenRequest(op, 'PATCH', `/api/staff/users/${staffUser.id}`, { disabled: true }); });
  const tokens = { own: await apiToken(OWN, 'client_viewer'), other: await apiToken(OTHER, 'client_viewer'), staff: await apiToken(null, 'supervisor') };
  const revoked = await apiToken(OWN, 'supervisor');
  await ok(tokenRequest(op, 'DELETE', `/api/tenants/${OWN}/tokens/${revoked.id}`), 'revoke');
  // The agent DELETE /agents/{id} deletes: made again each time one is deleted.
  const deletable: Record<string, TestAgent> = { [OWN]: await newAgent(OWN), [OTHER]: await newAgent(OTHER) };
  const replaceDeletable = async (tenant: string) => { deletable[tenant] = await newAgent(tenant); };

  // The identities.
  const identities: Identity[] = [];
  identities.push(tokenIdentity('operator_admin token (staff)', op, opId, { role: 'operator_admin', tenant: null, agentId: null }));
  for (const role of ROLES.filter((r) => r !== 'operator_admin')) {
    const k = await cliToken(OWN, role, role === 'agent' ? a : undefined);
    identities.push(tokenIdentity(`${role} token of ${OWN}`, k.secret, k.id, { role, tenant: OWN, agentId: role === 'agent' ? a.id : null }));
  }
  const staffSupervisor = await cliToken(null, 'supervisor');
  identities.push(tokenIdentity('supervisor token (staff)', staffSupervisor.secret, staffSupervisor.id, { role: 'supervisor', tenant: null, agentId: null }));
  const otherAdmin = await cliToken(OTHER, 'tenant_admin');
  identities.push(tokenIdentity(`tenant_admin token of ${OTHER}`, otherAdmin.secret, otherAdmin.id, { role: 'tenant_admin', tenant: OTHER, agentId: null }));
  const otherAgent = await cliToken(OTHER, 'agent', e);
  identities.push(tokenIdentity(`agent token of ${OTHER}`, otherAgent.secret, otherAgent.id, { role: 'agent', tenant: OTHER, agentId: e.id }));
  identities.push({
    label: 'no credentials', kind: 'anonymous', role: null, tenant: null, agentId: null, partial: false, csrf: false, tokenId: null, userId: null,
    send: (method, path, body) => tokenRequest(undefined, method, path, body),
  });
  identities.push({
    label: 'revoked token', kind: 'revoked', role: null, tenant: null, agentId: null, partial: false, csrf: false, tokenId: null, userId: null,
    send: (method, path, body) => tokenRequest(revoked.secret, method, path, body),
  });

  // Web sessions over HTTPS, logged in as a browser does. Order matters for DELETE /api/session
  // (the last route): the CSRF-less calls share the agent's session, so they come before it.
  const agentUser = await newUser(OWN, { role: 'agent', agent: a.login });
  const supervisorUser = await newUser(OWN, { role: 'supervisor' });
  const halfwayUser = await newUser(OWN, { role: 'supervisor' });
  const halfway = new WebSession(BROWSER_ADDRESS);
  await ok(halfway.logIn(halfwayUser.login, halfwayUser.password), 'supervisor login (second factor left to do)');
  if (halfway.stage !== 'enrol_second_factor') throw new Error(`a new supervisor's login should stop at the second factor, not ${halfway.stage}`);
  identities.push(sessionIdentity(`supervisor session of ${OWN} before its second factor`, halfway, halfwayUser.id, { role: 'supervisor', tenant: OWN, agentId: null }));
  const agentSession = new WebSession(BROWSER_ADDRESS);
  await ok(agentSession.logIn(agentUser.login, agentUser.password), 'agent login');
  if (agentSession.stage !== 'complete') throw new Error(`the agent's login ends at ${agentSession.stage}`);
  identities.push(sessionIdentity(`agent session of ${OWN} without x-csrf-token`, agentSession, agentUser.id, { role: 'agent', tenant: OWN, agentId: a.id }, { csrf: false }));
  identities.push(sessionIdentity(`agent session of ${OWN}`, agentSession, agentUser.id, { role: 'agent', tenant: OWN, agentId: a.id }));
  const supervisorSession = new WebSession(BROWSER_ADDRESS);
  await ok(supervisorSession.logIn(supervisorUser.login, supervisorUser.password), 'supervisor login');
  await ok(supervisorSession.enrolTotp(), 'TOTP enrolment');
  if (supervisorSession.stage !== 'complete') throw new Error(`the supervisor's login ends at ${supervisorSession.stage}`);
  identities.push(sessionIdentity(`supervisor session of ${OWN} (TOTP)`, supervisorSession, supervisorUser.id, { role: 'supervisor', tenant: OWN, agentId: null }));

  const exists = (id: string, owners: readonly string[] = []): ObjectRef => ({ id, exists: true, owners });
  const missing = (id: string): ObjectRef => ({ id, exists: false, owners: [] });
  const objects = {
    own: { agent: exists(a.id, [a.id]), call: exists(calls.a.id, [a.id]), user: exists(String(users.own.id)), token: exists(String(tokens.own.id)) },
    otherAgent: { agent: exists(b.id, [b.id]), call: exists(calls.b.id, [b.id]), user: exists(String(users.own.id)), token: exists(String(tokens.own.id)) },
    foreign: { agent: missing(e.id), call: missing(calls.e.id), user: missing(String(users.other.id)), token: missing(String(tokens.other.id)) },
    none: { agent: missing(randomUUID()), call: missing(randomUUID()), user: missing('999999999'), token: missing('999999999') },
    otherTenant: { agent: exists(e.id, [e.id]), call: exists(calls.e.id, [e.id]), user: exists(String(users.other.id)), token: exists(String(tokens.other.id)) },
  } satisfies Record<string, Record<OwnedKind, ObjectRef>>;

  const cases = (route: MatrixRoute): MatrixCase[] => {
    if (!route.path.includes('{tenant}')) return [{ label: 'no tenant in the URL', tenantExists: true, objects: {} }];
    const owns = Object.keys(route.access.owns ?? {}) as OwnedKind[];
    const list: MatrixCase[] = [
      { label: `${OWN}'s URL${owns.length ? ', its own objects' : ''}`, tenant: OWN, tenantExists: true, objects: objects.own },
      { label: `${OTHER}'s URL${owns.length ? ', its objects' : ''}`, tenant: OTHER, tenantExists: true, objects: objects.otherTenant },
      { label: 'an unknown tenant\'s URL', tenant: NOWHERE, tenantExists: false, objects: objects.own },
    ];
    if (owns.includes('agent') || owns.includes('call')) list.push({ label: `${OWN}'s URL, another agent's ${owns.join(', ')}`, tenant: OWN, tenantExists: true, objects: objects.otherAgent });
    if (owns.length) {
      list.push({ label: `${OWN}'s URL, ${OTHER}'s ${owns.join(', ')}`, tenant: OWN, tenantExists: true, objects: objects.foreign });
      list.push({ label: `${OWN}'s URL, no such ${owns.join(', ')}`, tenant: OWN, tenantExists: true, objects: objects.none });
    }
    return list;
  };

  const deletableTenant = (c: MatrixCase): typeof OWN | typeof OTHER => (c.objects === objects.foreign || c.tenant === OTHER ? OTHER : OWN);

  /** The path parameters of one call: the case's tenant and objects, plausible values for the rest. */
  const params = (route: MatrixRoute, c: MatrixCase): Record<string, string> => {
    const values: Record<string, string> = {
      calendar: 'ouverture', id: '999999999', name: 'welcome', language: 'fr', version: '99999',
      userId: String(staffUser.id), tokenId: String(tokens.staff.id),
    };
    if (c.tenant !== undefined) values.tenant = c.tenant;
    for (const [kind, param] of Object.entries(route.access.owns ?? {}) as [OwnedKind, string][]) {
      const object = c.objects[kind];
      if (object) values[param] = object.id;
    }
    // The agent DELETE consumes its agent: a throwaway one of the tenant the case's agent is of
    // (another tenant's under this URL, or this URL's tenant's); a missing one stays missing.
    if (route.path === '/api/tenants/{tenant}/agents/{id}' && c.objects !== objects.none) values.id = (deletable[deletableTenant(c)] as TestAgent).id;
    return values;
  };

  /** A minimal body the handlers refuse or take harmlessly (nothing is created or changed by a right call). */
  const body = (route: MatrixRoute): unknown => {
    if (route.method === 'GET' || route.method === 'DELETE') return undefined;
    if (route.path.endsWith('/wrapup')) return { family: 'authz-none', nature: 'authz-none' };
    return {};
  };

  /** After a right call that consumed its object, a fresh one for the next. */
  const afterAllowed = async (route: MatrixRoute, c: MatrixCase, answer: Answer): Promise<void> => {
    if (route.method === 'DELETE' && route.path === '/api/tenants/{tenant}/agents/{id}' && answer.status < 300) await replaceDeletable(deletableTenant(c));
  };

  // Runs first: the clean-up waits for an app that is restarting (the appliance is shared).
  t.teardown(async () => {
    await eventually(async () => (await tokenRequest(undefined, 'GET', '/ready')).status === 200, { attempts: 600, intervalMs: 500, what: 'the app ready for the clean-up' });
  });
  return { identities, cases, params, body, afterAllowed };
}

/** DELETE /api/session ends the sessions: it goes last. */
const order = (r: MatrixRoute): number => (r.method === 'DELETE' && r.path === '/api/session' ? 1 : 0);

const verdictText = (v: Verdict): string => (v.allowed ? 'allowed' : `${v.status} ${v.id}`);
const answerText = (a: Answer): string => {
  const { id } = errorOf(a.body);
  return `${a.status}${id ? ` ${id}` : ''}`;
};

test.serial('given every route, when every identity calls it from its tenant, another tenant, an unknown tenant and without credentials, then every wrong call is refused with its status and id, no right one is refused, and every refusal is audited', async (t) => {
  if (!table) return t.fail('no route table');
  const routes = [...table.routes].sort((x, y) => order(x) - order(y));
  // The running app must serve the source tree's routes: one it lacks answers hapi's own 404.
  const absent: string[] = [];
  for (const route of routes) {
    const probe = await tokenRequest(undefined, route.method, route.path.replace(/\{(\w+)\*?\}/g, (_, name: string) => (name === 'tenant' ? OWN : '1')));
    if (probe.status === 404 && errorOf(probe.body).id === 'route.not_found') absent.push(routeName(route));
  }
  if (absent.length) return t.fail(`the running app lacks ${absent.length} route(s) of the source tree (rebuild the appliance, then run again): ${absent.join(', ')}`);
  const { identities, cases, params, body, afterAllowed } = await fixtures(t);

  const auditFrom = await lastAuditId();
  const mismatches: string[] = [];
  const serverErrors: string[] = [];
  const refusals = new Map<string, number>();
  const summary: string[] = [];
  let total = 0;
  let wrong = 0;
  for (const route of routes) {
    const counts = new Map<string, number>();
    for (const c of cases(route)) {
      for (const who of identities) {
        const expected = expectedVerdict(route, who, c);
        const path = fillPath(route.path, params(route, c));
        const answer = await who.send(route.method, path, body(route));
        total++;
        const where = `${routeName(route)} | ${who.label} | ${c.label} | ${route.method} ${path}`;
        if (expected.allowed) {
          const problem = refusalOfAllowed(route, answer);
          if (problem) mismatches.push(`${where} | expected allowed | got ${answerText(answer)}: ${problem}`);
          if (answer.status >= 500) serverErrors.push(`${where} | ${answerText(answer)}`);
          if (answer.status < 300) await afterAllowed(route, c, answer);
        } else {
          wrong++;
          const got = errorOf(answer.body).id;
          if (answer.status !== expected.status || got !== expected.id) mismatches.push(`${where} | expected ${verdictText(expected)} | got ${answerText(answer)}`);
        }
        const key = expected.allowed ? `allowed → ${answerText(answer)}` : `refused ${expected.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (answer.status === 401 || answer.status === 403) {
          const authenticated = who.kind === 'token' || who.kind === 'session';
          const audit: AuditKey = {
            method: route.method, path, status: answer.status, id: errorOf(answer.body).id ?? `http.${answer.status}`,
            tokenId: authenticated ? who.tokenId : null, userId: authenticated ? who.userId : null,
          };
          refusals.set(auditKeyText(audit), (refusals.get(auditKeyText(audit)) ?? 0) + 1);
        }
      }
    }
    summary.push(`${routeName(route)}: ${[...counts].sort(([x], [y]) => x.localeCompare(y)).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
  t.log(`${routes.length} routes × ${identities.length} identities (${identities.map((i) => i.label).join('; ')}), ${total} calls: ${wrong} wrong ones, ${total - wrong} right ones`);
  for (const line of summary) t.log(line);
  for (const line of serverErrors) t.log(`server error (not an authorisation refusal): ${line}`);
  t.deepEqual(mismatches, [], `${mismatches.length} of ${total} calls did not get what the routes' declarations say`);

  // Every 401 and 403 is in the audit log, under the token or user that got it. Refusals are
  // written without holding up the answer, so the log is read until it has them all.
  const tokenIds = new Set(identities.flatMap((i) => (i.tokenId === null ? [] : [String(i.tokenId)])));
  const userIds = new Set(identities.flatMap((i) => (i.userId === null ? [] : [String(i.userId)])));
  const isMine = (key: string): boolean => {
    const [, token = '-', user = '-'] = / token=(\S+) user=(\S+)$/.exec(key) ?? [];
    return tokenIds.has(token) || userIds.has(user);
  };
  const missingFromAudit = (audited: Map<string, number>): string[] => [...refusals]
    .filter(([key, n]) => (audited.get(key) ?? 0) < n)
    .map(([key, n]) => `${key}: ${n} refused, ${audited.get(key) ?? 0} audited`);
  const audited = await eventually(async () => {
    const rows = await auditedRefusals(auditFrom);
    return missingFromAudit(rows).length === 0 ? rows : undefined;
  }, { attempts: 100, what: 'every refusal in audit_events' }).catch(async () => auditedRefusals(auditFrom));
  t.deepEqual(missingFromAudit(audited), [], 'refusals missing from the audit log');
  const extra = [...audited].filter(([key, n]) => isMine(key) && n !== (refusals.get(key) ?? 0)).map(([key, n]) => `${key}: ${n} audited, ${refusals.get(key) ?? 0} refused`);
  t.deepEqual(extra, [], 'audit rows of the matrix\'s identities that match no refusal it got');
  const count = [...refusals.values()].reduce((s, n) => s + n, 0);
  t.log(`${count} refusals (401/403), each found in audit_events`);
});
