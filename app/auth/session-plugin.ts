// The web login (session-routes.ts) as a hapi plugin: the login service with its limits, the
// cookies' attributes (httpOnly, SameSite=Strict, Secure over HTTPS) and the public login path.
import type { Plugin } from '@hapi/hapi';
import type { Models } from '../../db/models/index.js';
import { AddressLimiter } from './address-limiter.js';
import type { AuditLog } from './audit.js';
import { LoginService, type LoginPolicy } from './login.js';
import { CSRF_COOKIE, sessionRoutes } from './session-routes.js';
import type { SessionStore } from './sessions.js';
import type { SecretBox } from './totp.js';

export interface SessionPluginOptions {
  models: Pick<Models, 'User' | 'UserSession' | 'UserRecoveryCode' | 'Tenant'>;
  sessions: SessionStore;
  audit: AuditLog;
  box: SecretBox;
  policy: LoginPolicy;
  /** Attempts per client address in a sliding window. */
  addressLimit: { max: number; windowMs: number };
  tenantConfigured: (tenantId: number) => boolean;
  secureCookies: boolean;
}

export const LOGIN_PATH = '/api/session/login';

export const sessionPlugin: Plugin<SessionPluginOptions> = {
  name: 'ccapp-session',
  dependencies: ['ccapp-auth', 'ccapp-errors'],
  register(server, options) {
    server.state(CSRF_COOKIE, {
      isSecure: options.secureCookies, isHttpOnly: true, isSameSite: 'Strict', path: '/api/session', encoding: 'none',
      strictHeader: true, ignoreErrors: true, clearInvalid: true,
    });
    const login = new LoginService({
      models: options.models, sessions: options.sessions, audit: options.audit, box: options.box, policy: options.policy,
      limiter: new AddressLimiter(options.addressLimit.max, options.addressLimit.windowMs), tenantConfigured: options.tenantConfigured,
    });
    server.route(sessionRoutes({ models: options.models, sessions: options.sessions, login }));
  },
};
