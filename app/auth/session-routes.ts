// The session API a browser logs in with (docs/web-api.md, "Session"):
//   GET    /api/session                                   who is logged in, at which stage, and the CSRF token
//   POST   /api/session/login                             { login, password }
//   POST   /api/session/second-factor                     { code } or { recoveryCode }
//   POST   /api/session/second-factor/enrolment           a new TOTP secret to enrol
//   POST   /api/session/second-factor/enrolment/confirm   { code } -> ten recovery codes, shown once
//   PUT    /api/session/language                          { language }
//   DELETE /api/session                                   log out
// Before login there is no session to hold a CSRF token: GET /api/session gives the browser one
// in a `ccapp_csrf` cookie and in its answer, and the login must send it back in x-csrf-token
// (double submit), so another site cannot log a browser in to an account of its choosing.
import { utcOffsetMinutes } from '../panel/utc-offset.js';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { z } from 'zod';
import { LANGUAGES, type Models, type User, type UserSession } from '../../db/models/index.js';
import { ForbiddenError } from '../errors/domain.js';
import { parseRequest } from '../errors/validation.js';
import { access, assertCsrf } from './access.js';
import { SESSION_COOKIE } from './authenticator.js';
import { identityOf } from './credentials.js';
import type { Client, LoginService } from './login.js';
import { newSecret, type OpenedSession, type SessionStore } from './sessions.js';

export const CSRF_COOKIE = 'ccapp_csrf';
/** The outsourcer's own staff see times on the head office's clock. */
export const STAFF_TIMEZONE = 'Europe/Paris';

const LoginBody = z.strictObject({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const ProofBody = z.union([
  z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, 'six digits') }),
  z.strictObject({ recoveryCode: z.string().min(10).max(20) }),
]);
const CodeBody = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, 'six digits') });
const LanguageBody = z.strictObject({ language: z.enum(LANGUAGES) });

export interface SessionRoutesDeps {
  models: Pick<Models, 'Tenant' | 'User'>;
  sessions: SessionStore;
  login: LoginService;
}

const clientOf = (request: Request): Client => {
  const ua: unknown = request.headers['user-agent'];
  return { address: request.info.remoteAddress || null, userAgent: typeof ua === 'string' ? ua : null };
};

/** The web session behind an authenticated request (tokens have none). */
function sessionOf(request: Request): { session: UserSession; user: User } {
  const identity = identityOf(request);
  const artifacts = request.auth.artifacts as { session?: UserSession; user?: User };
  if (identity.kind !== 'session' || !artifacts.session || !artifacts.user) {
    throw new ForbiddenError('auth.session_only', 'this is for people logged in to the web panel, not API tokens');
  }
  return { session: artifacts.session, user: artifacts.user };
}

export function sessionRoutes(deps: SessionRoutesDeps): ServerRoute[] {
  const { models, sessions, login } = deps;

  const present = async (user: User | undefined, stage: string, csrf: string) => {
    if (!user) return { stage: 'none', user: null, csrf };
    const tenant = user.tenantId === null ? null : await models.Tenant.findByPk(user.tenantId, { attributes: ['slug', 'timezone'] });
    return {
      stage, csrf,
      user: {
        id: user.id, login: user.login, name: user.name, role: user.role, tenant: tenant?.slug ?? null, agentId: user.agentId,
        language: user.language, secondFactor: user.totpSealed !== null, timezone: tenant?.timezone ?? STAFF_TIMEZONE,
        utcOffsetMinutes: utcOffsetMinutes(tenant?.timezone ?? STAFF_TIMEZONE),
      },
    };
  };

  /** Answers with the new session's cookie (and no anonymous CSRF cookie any more). */
  const opened = async (h: ResponseToolkit, next: OpenedSession, user: User, extra: object = {}) => {
    const body = await present(user, next.session.stage, next.session.csrf);
    return h.response({ ...body, ...extra }).state(SESSION_COOKIE, next.sid).unstate(CSRF_COOKIE);
  };

  return [
    {
      method: 'GET',
      path: '/api/session',
      options: { auth: { mode: 'try' }, ...access({ roles: 'any', partialSession: true }) },
      handler: async (request, h) => {
        if (request.auth.isAuthenticated && identityOf(request).kind === 'session') {
          const { session, user } = sessionOf(request);
          return present(user, session.stage, session.csrf);
        }
        const cookie: unknown = request.state[CSRF_COOKIE];
        const csrf = typeof cookie === 'string' && /^[A-Za-z0-9_-]{43}$/.test(cookie) ? cookie : newSecret();
        const response = h.response(await present(undefined, 'none', csrf)).state(CSRF_COOKIE, csrf);
        // A dead session cookie is dropped, so the browser starts afresh.
        return request.state[SESSION_COOKIE] === undefined ? response : response.unstate(SESSION_COOKIE);
      },
    },
    {
      method: 'POST',
      path: '/api/session/login',
      options: { auth: false, payload: { maxBytes: 4096 } },
      handler: async (request, h) => {
        const now = new Date();
        // The browser's session, if it still has a live one, is ended by the login (rotation).
        const sid: unknown = request.state[SESSION_COOKIE];
        const current = typeof sid === 'string' ? await sessions.check(sid, now) : undefined;
        const previous = current?.ok ? current.session : undefined;
        const anonymous: unknown = request.state[CSRF_COOKIE];
        const sent: unknown = request.headers['x-csrf-token'];
        if (!(previous && sent === previous.csrf)) assertCsrf(request, typeof anonymous === 'string' ? anonymous : '\0');
        const body = parseRequest(LoginBody, request.payload);
        const next = await login.login(body.login, body.password, clientOf(request), previous, now);
        return opened(h, next, next.user);
      },
    },
    {
      method: 'POST',
      path: '/api/session/second-factor',
      options: { payload: { maxBytes: 4096 }, ...access({ roles: 'any', partialSession: true }) },
      handler: async (request, h) => {
        const { session, user } = sessionOf(request);
        const proof = parseRequest(ProofBody, request.payload);
        return opened(h, await login.secondFactor(session, user, proof, clientOf(request), new Date()), user);
      },
    },
    {
      method: 'POST',
      path: '/api/session/second-factor/enrolment',
      options: access({ roles: 'any', partialSession: true }),
      handler: async (request) => {
        const { session, user } = sessionOf(request);
        return login.startEnrolment(session, user);
      },
    },
    {
      method: 'POST',
      path: '/api/session/second-factor/enrolment/confirm',
      options: { payload: { maxBytes: 4096 }, ...access({ roles: 'any', partialSession: true }) },
      handler: async (request, h) => {
        const { session, user } = sessionOf(request);
        const { code } = parseRequest(CodeBody, request.payload);
        const next = await login.confirmEnrolment(session, user, code, clientOf(request), new Date());
        return opened(h, next, user, { recoveryCodes: next.recoveryCodes });
      },
    },
    {
      method: 'PUT',
      path: '/api/session/language',
      options: { payload: { maxBytes: 1024 }, ...access({ roles: 'any', partialSession: true }) },
      handler: async (request) => {
        const { session, user } = sessionOf(request);
        const { language } = parseRequest(LanguageBody, request.payload);
        await user.update({ language });
        return present(user, session.stage, session.csrf);
      },
    },
    {
      method: 'DELETE',
      path: '/api/session',
      options: access({ roles: 'any', partialSession: true }),
      handler: async (request, h) => {
        const { session, user } = sessionOf(request);
        await login.logout(session, user, new Date());
        return h.response().code(204).unstate(SESSION_COOKIE);
      },
    },
  ];
}
