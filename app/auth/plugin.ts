// Authentication: the `token` strategy (Authorization: Bearer <token>) is the server's default,
// so every route is authenticated unless it opts out with `auth: false`. Only the public probes
// may opt out: a start-up check refuses to start a server with any other unauthenticated route.
// Per-tenant authorisation happens in each capability, with authoriseTenant (tenant-access.ts).
import type { Plugin, Server } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import { UnauthenticatedError } from '../errors/domain.js';
import { readBearer } from './token-format.js';
import { verifyToken } from './tokens.js';

export const PUBLIC_PATHS: readonly string[] = ['/health', '/ready', '/metrics'];

export interface AuthOptions {
  models: Pick<Models, 'ApiToken' | 'Tenant' | 'Agent'>;
  /** Paths served without a token; defaults to PUBLIC_PATHS. */
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
  register(server, { models, publicPaths = PUBLIC_PATHS }) {
    server.auth.scheme('ccapp-bearer', () => ({
      async authenticate(request, h) {
        const header: unknown = request.headers.authorization;
        const bearer = readBearer(typeof header === 'string' ? header : undefined);
        if (bearer.kind === 'missing') throw new UnauthenticatedError('auth.missing_token', 'an Authorization: Bearer token is required');
        const credentials = bearer.kind === 'token' ? await verifyToken(models, bearer.token) : undefined;
        if (!credentials) throw new UnauthenticatedError('auth.invalid_token', 'the token is malformed, unknown or revoked', { invalidToken: true });
        return h.authenticated({ credentials });
      },
    }));
    server.auth.strategy('token', 'ccapp-bearer');
    server.auth.default('token');
    server.ext('onPreStart', () => assertRoutesAuthenticated(server, publicPaths));
  },
};
