// The administration API's requests as zod schemas: strict objects (an unknown field is a 400,
// not silently ignored), every string bounded, ids as digits. What only the database can judge
// (a taken login, the password policy, an agent of the tenant) is the services' to refuse (409,
// 422).
import { z } from 'zod';
import { API_ROLES, LANGUAGES } from '../../db/models/index.js';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from './audit-query.js';
import { LOGIN_RE, NAME_MAX } from './rules.js';

const role = z.enum(API_ROLES);
const language = z.enum(LANGUAGES as ['fr', 'ar', 'en']);
const login = z.string().max(64).regex(LOGIN_RE, 'a login has 2 to 64 letters, digits, and . _ @ - (not first)');
const name = z.string().trim().min(1).max(NAME_MAX);
/** An agent's login (digits, as agents have them); null unlinks. */
const agent = z.string().regex(/^[0-9]{2,8}$/, 'an agent\'s login: 2 to 8 digits');
const tenant = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'a tenant\'s slug');
/** Long enough for any policy; the policy itself is judged by the service (422 user.password_weak). */
const password = z.string().max(1024);
const id = z.string().regex(/^[1-9][0-9]{0,9}$/, 'a positive whole number').transform(Number);

export const CreateUserBody = z.strictObject({
  login,
  name,
  role,
  language: language.optional(),
  agent: agent.nullable().optional(),
  password: password.optional(),
});

export const ChangeUserBody = z.strictObject({
  name: name.optional(),
  role: role.optional(),
  language: language.optional(),
  agent: agent.nullable().optional(),
  disabled: z.boolean().optional(),
  tenant: tenant.nullable().optional(),
}).refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const PasswordResetBody = z.union([
  z.strictObject({ password }),
  z.strictObject({ generate: z.literal(true) }),
], { error: 'give { password } or { generate: true }' });

export const CreateTokenBody = z.strictObject({
  name: name.max(120),
  role,
  agent: agent.nullable().optional(),
});

export const UserParams = z.object({ userId: id });
export const TokenParams = z.object({ tokenId: id });

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T00:00:00+01:00' })
  .transform((s) => new Date(s));

export const AuditQueryParams = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  type: z.string().regex(/^[a-z0-9_.]{1,48}$/, 'a type or its start, e.g. user. or login.failed').optional(),
  userId: id.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  before: id.optional(),
}).superRefine((q, ctx) => {
  if (q.from instanceof Date && q.to instanceof Date && q.from.getTime() >= q.to.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
});
