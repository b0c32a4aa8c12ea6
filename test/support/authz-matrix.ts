// The authorisation matrix's parts (test/integration/authz-matrix.test.ts): the real app's route
// table, built in-process from the appliance's own configuration without listening anywhere; the
// verdict a route's access declaration gives each identity (app/auth/access.ts, written again
// here from its documented rules so that the test checks the code rather than reusing it); a web
// session over the public HTTPS port as a browser holds one (cookies and CSRF token); and calls
// of MariaDB handled by a given agent, the way app/panel/store.ts reads "handled".
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { accessOf, type OwnedKind, type RouteAccess } from '../../app/auth/access.js';
import type { Role } from '../../app/auth/roles.js';
import { loadConfig } from '../../app/config/load.js';
import { createLogger } from '../../app/log/logger.js';
import { composeApp } from '../../app/server/compose.js';
import { api } from './api.js';
import { db, inRoot, select } from './appliance.js';

export const HTTPS_PORT = 8443;

export interface MatrixRoute {
  method: string;
  path: string;
  access: RouteAccess;
  /** auth mode 'try': a request without (valid) credentials goes on unauthenticated. */
  tryAuth: boolean;
}

export interface RouteTable {
  routes: MatrixRoute[];
  /** "GET /health": the routes with `auth: false`. */
  publicRoutes: string[];
  /** Authenticated routes without an access declaration. */
  undeclared: string[];
}

/**
 * Every route of the app as app/server/compose.ts registers them, with the appliance's own
 * configuration (its root file system's /etc/ccapp). Nothing is started: no port is bound, no
 * ARI connection made; the journal spools to a scratch directory and the TLS pair is read, never
 * made, so the running appliance's files are left alone.
 */
export async function appRouteTable(): Promise<RouteTable> {
  const loaded = await loadConfig({ ...process.env, CCAPP_CONFIG_DIR: inRoot('/etc/ccapp') });
  if (!loaded.ok) throw new Error(`the appliance's configuration is refused:\n${loaded.problems.join('\n')}`);
  const c = loaded.config;
  const spoolDir = await mkdtemp(join(tmpdir(), 'authz-matrix-spool-'));
  const config = {
    ...c,
    journal: { spoolDir },
    paths: { web: inRoot(c.paths.web), sounds: inRoot(c.paths.sounds), recordings: inRoot(c.paths.recordings), asteriskConfig: inRoot(c.paths.asteriskConfig) },
    web: { ...c.web, certFile: inRoot(join(c.web.tlsDir, 'self-signed.crt')), keyFile: inRoot(join(c.web.tlsDir, 'self-signed.key')) },
  };
  const app = await composeApp(config, createLogger('error'));
  try {
    const table: RouteTable = { routes: [], publicRoutes: [], undeclared: [] };
    for (const route of app.server.table()) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const auth = route.settings.auth as false | { mode?: string } | undefined;
      if (auth === false) { table.publicRoutes.push(name); continue; }
      const declared = accessOf(route.settings);
      if (!declared) { table.undeclared.push(name); continue; }
      table.routes.push({ method: route.method.toUpperCase(), path: route.path, access: declared, tryAuth: auth?.mode === 'try' });
    }
    return table;
  } finally {
    await app.stop();
    await rm(spoolDir, { recursive: true, force: true });
  }
}

/** Who calls: its credentials as access.ts sees them. */
export interface Caller {
  label: string;
  kind: 'token' | 'session' | 'anonymous' | 'revoked';
  role: Role | null;
  /** The tenant's slug; null for the outsourcer's own staff (and no credentials). */
  tenant: string | null;
  agentId: string | null;
  /** A web session still at its second factor. */
  partial: boolean;
  /** Whether it sends its session's x-csrf-token on state-changing requests. */
  csrf: boolean;
  /** The audit log's token_id and user_id for its refusals (null when unauthenticated). */
  tokenId: number | null;
  userId: number | null;
}

/** An object a URL names: whether it exists in the URL's tenant, and the agents it belongs to. */
export interface ObjectRef {
  id: string;
  exists: boolean;
  owners: readonly string[];
}

export interface MatrixCase {
  label: string;
  /** The URL's {tenant}; undefined for routes without one. */
  tenant?: string;
  tenantExists: boolean;
  objects: Partial<Record<OwnedKind, ObjectRef>>;
}

export type Verdict = { allowed: true } | { allowed: false; status: number; id: string };

const ALLOWED: Verdict = { allowed: true };
const refused = (status: number, id: string): Verdict => ({ allowed: false, status, id });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session's own routes (roles 'any' at any login stage, authentication required) serve web
 * sessions only: their handlers answer a token 403 auth.session_only (app/auth/session-routes.ts).
 */
export const isSessionOnly = (route: MatrixRoute): boolean =>
  route.access.roles === 'any' && route.access.partialSession === true && !route.tryAuth;

/** What the route's declaration says this caller gets in this case (access.ts's order of checks). */
export function expectedVerdict(route: MatrixRoute, caller: Caller, c: MatrixCase): Verdict {
  const declared = route.access;
  if (caller.kind === 'anonymous' || caller.kind === 'revoked') {
    if (route.tryAuth) return ALLOWED;
    return refused(401, caller.kind === 'anonymous' ? 'auth.missing_credentials' : 'auth.invalid_token');
  }
  const role = caller.role as Role;
  if (caller.kind === 'session' && !SAFE_METHODS.has(route.method) && !caller.csrf) return refused(403, 'auth.csrf');
  if (caller.kind === 'session' && caller.partial && !declared.partialSession) return refused(401, 'auth.second_factor_required');
  if (declared.roles !== 'any' && !declared.roles.includes(role)) return refused(403, 'auth.role_forbidden');
  if (declared.staffOnly && caller.tenant !== null) return refused(403, 'auth.tenant_forbidden');
  if (c.tenant !== undefined) {
    if (!c.tenantExists) return refused(404, 'tenant.not_found');
    if (caller.tenant !== null && caller.tenant !== c.tenant) return refused(403, 'auth.tenant_forbidden');
    for (const kind of Object.keys(declared.owns ?? {}) as OwnedKind[]) {
      const object = c.objects[kind];
      if (!object) throw new Error(`case "${c.label}" names no ${kind} for ${route.method} ${route.path}`);
      if (!object.exists) return refused(404, `${kind}.not_found`);
      if (role === 'agent' && (caller.agentId === null || !object.owners.includes(caller.agentId))) return refused(403, 'auth.other_agent');
    }
  }
  if (caller.kind === 'token' && isSessionOnly(route)) return refused(403, 'auth.session_only');
  return ALLOWED;
}

export interface Answer {
  status: number;
  body: unknown;
}

export const errorOf = (body: unknown): { id?: string; details?: Record<string, unknown> } =>
  (body as { error?: { id?: string; details?: Record<string, unknown> } } | null)?.error ?? {};

/**
 * Why an answer to a caller the declaration allows shows it refused by the authorisation point,
 * or undefined when it was not: 401/403, the unknown tenant's 404, or the owned object's 404
 * (access.ts names the object under its kind in the details; handlers that find no *live* call
 * answer call.not_found with details.callId, which is theirs to say).
 */
export function refusalOfAllowed(route: MatrixRoute, answer: Answer): string | undefined {
  const { id, details } = errorOf(answer.body);
  if (answer.status === 401 || answer.status === 403) return `refused ${answer.status} ${id ?? '?'}`;
  if (answer.status === 404 && id === 'route.not_found') return 'no such route in the running app (hapi\'s own 404)';
  if (answer.status === 404 && id === 'tenant.not_found') return 'refused 404 tenant.not_found for an existing tenant';
  for (const kind of Object.keys(route.access.owns ?? {})) {
    if (answer.status === 404 && id === `${kind}.not_found` && details?.[kind] !== undefined) return `refused 404 ${id} for an existing ${kind}`;
  }
  return undefined;
}

/** The path with each {param} (or {param*}) filled in. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\*?\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}: give the matrix one`);
    return encodeURIComponent(value);
  });
}

/** A token's request over the loopback port (test/support/api.ts). */
export const tokenRequest = (token: string | undefined, method: string, path: string, body?: unknown): Promise<Answer> =>
  api(token, method, path, body);

/**
 * A browser's web session over the public HTTPS port: its cookies and its latest CSRF token. From
 * a loopback address of its own if given, so that its logins count against that address's limit
 * (app/auth/address-limiter.ts) and not against 127.0.0.1's, which other tests share.
 */
export class WebSession {
  private readonly cookies = new Map<string, string>();
  csrf = '';
  stage = 'none';

  constructor(private readonly localAddress?: string) {}

  async send(method: string, path: string, body?: unknown, opts: { csrf?: boolean } = {}): Promise<Answer> {
    const answer = await this.once(method, path, body, opts.csrf ?? true);
    const sent = answer.body as { csrf?: unknown; stage?: unknown } | null;
    if (typeof sent?.csrf === 'string') this.csrf = sent.csrf;
    if (typeof sent?.stage === 'string' && answer.status === 200) this.stage = sent.stage;
    return answer;
  }

  private once(method: string, path: string, body: unknown, csrf: boolean): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = {
      ...(cookie ? { cookie } : {}),
      ...(csrf && !SAFE_METHODS.has(method) && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
      ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: HTTPS_PORT, localAddress: this.localAddress, method, path, headers, rejectUnauthorized: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          for (const set of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = set.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            if (value === '' || /expires=Thu, 01 Jan 1970/i.test(set)) this.cookies.delete(name); else this.cookies.set(name, value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try { parsed = JSON.parse(text); } catch { /* not JSON */ }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The login page's steps: a CSRF token first, then the password. */
  async logIn(login: string, password: string): Promise<Answer> {
    await this.send('GET', '/api/session');
    return this.send('POST', '/api/session/login', { login, password });
  }

  /** First login of a role that needs a second factor: enrols a TOTP secret and confirms it with its code. */
  async enrolTotp(): Promise<Answer> {
    const started = await this.send('POST', '/api/session/second-factor/enrolment');
    const secret = (started.body as { secret?: unknown }).secret;
    if (started.status !== 200 || typeof secret !== 'string') throw new Error(`enrolment refused: ${started.status} ${JSON.stringify(started.body)}`);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    return this.send('POST', '/api/session/second-factor/enrolment/confirm', { code });
  }
}

/** A finished call of the tenant that `agentId` answered (an agent.answered event), long ago so no report counts it. */
export async function insertHandledCall(tenant: string, agentId: string): Promise<{ id: string; remove: () => Promise<void> }> {
  const id = randomUUID();
  const conn = await db();
  try {
    const [row] = await select<{ id: number }>(conn, 'SELECT id FROM tenants WHERE slug = ?', [tenant]);
    if (!row) throw new Error(`no tenant ${tenant} in MariaDB`);
    const at = new Date('2020-01-06T09:00:00Z');
    await conn.query(
      `INSERT INTO calls (id, tenant_id, direction, did, caller_id, channel_id, started_at, answered_at, ended_at)
       VALUES (?, ?, 'inbound', '0000000000', 'authz-matrix', ?, ?, ?, ?)`,
      [id, row.id, `authz-matrix-${id}`, at, new Date(at.getTime() + 5_000), new Date(at.getTime() + 60_000)],
    );
    await conn.query(
      'INSERT INTO call_events (id, call_id, tenant_id, type, at, data, seq) VALUES (?, ?, ?, \'agent.answered\', ?, ?, 1)',
      [randomUUID(), id, row.id, new Date(at.getTime() + 5_000), JSON.stringify({ agent: agentId, queue: 'authz-matrix' })],
    );
  } finally {
    await conn.end();
  }
  return {
    id,
    async remove() {
      const c = await db();
      try {
        await c.query('DELETE FROM call_wrapups WHERE call_id = ?', [id]);
        await c.query('DELETE FROM call_events WHERE call_id = ?', [id]);
        await c.query('DELETE FROM calls WHERE id = ?', [id]);
      } finally {
        await c.end();
      }
    },
  };
}

export interface AuditKey {
  method: string;
  path: string;
  status: number;
  id: string;
  tokenId: number | null;
  userId: number | null;
}

export const auditKeyText = (k: AuditKey): string =>
  `${k.method} ${k.path} ${k.status} ${k.id} token=${k.tokenId ?? '-'} user=${k.userId ?? '-'}`;

/** The refusals (auth.unauthenticated, auth.forbidden) written to audit_events after `afterId`, counted by key. */
export async function auditedRefusals(afterId: number): Promise<Map<string, number>> {
  const conn = await db();
  try {
    const rows = await select<{ method: string; path: string; status: number; error: string; token_id: number | null; user_id: number | null; n: bigint | number }>(conn, `
      SELECT method, path, status, JSON_VALUE(data, '$.error') AS error, token_id, user_id, COUNT(*) AS n FROM audit_events
      WHERE id > ? AND type IN ('auth.unauthenticated', 'auth.forbidden')
      GROUP BY method, path, status, error, token_id, user_id`, [afterId]);
    return new Map(rows.map((r) => [
      auditKeyText({ method: r.method, path: r.path, status: r.status, id: r.error, tokenId: r.token_id, userId: r.user_id }), Number(r.n),
    ]));
  } finally {
    await conn.end();
  }
}

export async function lastAuditId(): Promise<number> {
  const conn = await db();
  try {
    const [row] = await select<{ id: bigint | number | null }>(conn, 'SELECT MAX(id) AS id FROM audit_events');
    return Number(row?.id ?? 0);
  } finally {
    await conn.end();
  }
}
