// Authentication: one scheme, the server's default, so every route is authenticated unless it
// opts out with `auth: false` (only the public probes, the login itself and the panel's static
// pages may: a start-up check refuses any other). A request is either a machine's
// (Authorization: Bearer <API token>) or a person's (the `ccapp_session` cookie of a web session
// in MariaDB). A token or user of a tenant that is no longer in the configuration is refused.
// What each identity may do is decided in one place, access.ts; every 401 and 403 is written to
// the audit log.
import type { Plugin, Server } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import { DomainError } from '../errors/domain.js';
import { identityIfAny, type AuditLog } from './audit.js';
import { Authenticator, SESSION_COOKIE } from './authenticator.js';
import { accessExtension, assertRoutesDeclared, type OwnershipResolvers } from './access.js';
import type { SessionStore } from './sessions.js';
import type { TenantLookup } from './tenant-access.js';

/** The probes, the login, and the panel's pages (app/web/pages.ts: the page itself asks who is logged in). */
export const PUBLIC_PATHS: readonly string[] = ['/health', '/ready', '/metrics', '/api/session/login', '/assets/{file*}', '/{path*}'];
export { SESSION_COOKIE };

export interface AuthOptions {
  models: Pick<Models, 'ApiToken' | 'Tenant' | 'Agent'>;
  sessions: SessionStore;
  audit: AuditLog;
  lookup: TenantLookup;
  /** The tenants in the configuration now: a token or user of any other is refused. */
  configuredTenants: { has(slug: string): boolean };
  /** Who owns the objects routes name (agents, calls, users...); see access.ts. */
  owners: OwnershipResolvers;
  /** Cookies only over HTTPS (false only for tests on plain loopback). */
  secureCookies: boolean;
  /** Paths served without authentication; defaults to PUBLIC_PATHS. */
  publicPaths?: readonly string[];
}

/** Throws if a route other than the public ones has no authentication. */
export function assertRoutesAuthenticated(server: Server, publicPaths: readonly string[]): void {
  const open = server.table().filter((route) => {
    const auth: unknown = route.settings.auth;
    return auth === false || (auth === undefined && !server.auth.settings.default);
  }).map((r) => `${r.method.toUpperCase()} ${r.path}`);
  const unexpected = open.filter((r) => !publicPaths.includes(r.slice(r.indexOf(' ') + 1)));
  if (unexpected.length) throw new Error(`routes without authentication: ${unexpected.join(', ')}`);
}

export const authPlugin: Plugin<AuthOptions> = {
  name: 'ccapp-auth',
  dependencies: ['ccapp-errors'],
  register(server, options) {
    const { audit, secureCookies, publicPaths = PUBLIC_PATHS } = options;
    server.state(SESSION_COOKIE, {
      isSecure: secureCookies, isHttpOnly: true, isSameSite: 'Strict', path: '/', encoding: 'none',
      strictHeader: true, ignoreErrors: true, clearInvalid: true,
    });
    const authenticator = new Authenticator(options);
    server.expose('authenticator', authenticator);
    server.auth.scheme('ccapp', () => ({
      async authenticate(request, h) {
        const header: unknown = request.headers.authorization;
        const sid: unknown = request.state[SESSION_COOKIE];
        const { identity, session, user } = await authenticator.identify({
          authorization: header === undefined ? undefined : typeof header === 'string' ? header : '',
          sid: typeof sid === 'string' ? sid : undefined,
        });
        return h.authenticated({ credentials: identity, artifacts: { session, user } });
      },
    }));
    server.auth.strategy('ccapp', 'ccapp');
    server.auth.default('ccapp');
    server.ext('onPostAuth', accessExtension(options));
    // Every refusal is audited with who (when known) and what.
    server.ext('onPreResponse', (request, h) => {
      const r = request.response;
      const status = r instanceof DomainError ? r.status : r instanceof Error ? r.output.statusCode : 0;
      if (status === 401 || status === 403) {
        const id = r instanceof DomainError ? r.id : `http.${status}`;
        audit.refused(request, status, id, identityIfAny(request));
      }
      return h.continue;
    }, { before: ['ccapp-errors'] });
    server.ext('onPreStart', () => {
      assertRoutesAuthenticated(server, publicPaths);
      assertRoutesDeclared(server);
    });
  },
};
