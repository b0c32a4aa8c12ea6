// What the administration API shows of users, tokens and audit rows, and what the audit log
// keeps of a user before and after a change. Each is built field by field from a whitelist, so a
// password hash, a sealed TOTP secret, a token's hash or a recovery code can never slip out.
import type { JsonValue, Language } from '../../db/models/index.js';
import type { Role } from '../auth/roles.js';

export interface UserFacts {
  id: number;
  login: string;
  name: string;
  role: Role;
  agentId: string | null;
  language: Language;
  totpSealed: string | null;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** The names a row refers to by id: its tenant's slug and its agent's login. */
export interface Refs {
  tenant: string | null;
  agentLogin: string | null;
}

export interface PresentedUser {
  id: number;
  login: string;
  name: string;
  role: Role;
  tenant: string | null;
  agentId: string | null;
  agentLogin: string | null;
  language: Language;
  secondFactor: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function presentUser(u: UserFacts, refs: Refs): PresentedUser {
  return {
    id: u.id, login: u.login, name: u.name, role: u.role, tenant: refs.tenant, agentId: u.agentId, agentLogin: refs.agentLogin,
    language: u.language, secondFactor: u.totpSealed !== null, disabled: u.disabledAt !== null,
    lockedUntil: iso(u.lockedUntil), lastLoginAt: iso(u.lastLoginAt), createdAt: u.createdAt.toISOString(),
  };
}

/** The fields of a user the audit log records before and after a change (nothing secret). */
export type UserAuditFields = Pick<PresentedUser, 'login' | 'name' | 'role' | 'tenant' | 'agentLogin' | 'language' | 'disabled'>;

export function auditFields(u: PresentedUser): UserAuditFields {
  return { login: u.login, name: u.name, role: u.role, tenant: u.tenant, agentLogin: u.agentLogin, language: u.language, disabled: u.disabled };
}

/** The fields that differ, as `{ before, after }` holding only those; empty objects when none do. */
export function changedFields<K extends keyof UserAuditFields>(
  before: UserAuditFields, after: UserAuditFields, keys: readonly K[],
): { before: Partial<UserAuditFields>; after: Partial<UserAuditFields> } {
  const b: Partial<UserAuditFields> = {};
  const a: Partial<UserAuditFields> = {};
  for (const key of keys) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

export interface TokenFacts {
  id: number;
  name: string;
  role: Role;
  agentId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface PresentedToken {
  id: number;
  name: string;
  role: Role;
  tenant: string | null;
  agentId: string | null;
  agentLogin: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function presentToken(t: TokenFacts, refs: Refs): PresentedToken {
  return {
    id: t.id, name: t.name, role: t.role, tenant: refs.tenant, agentId: t.agentId, agentLogin: refs.agentLogin,
    createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt),
  };
}

export interface AuditFacts {
  id: number;
  at: Date;
  type: string;
  userId: number | null;
  tokenId: number | null;
  actor: string | null;
  address: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  data: unknown;
}

export interface PresentedAuditEvent extends Omit<AuditFacts, 'at' | 'data'> {
  at: string;
  tenant: string | null;
  data: Record<string, JsonValue>;
}

/** The row's data: MariaDB keeps JSON as text, which the driver may hand back unparsed. */
function auditData(raw: unknown): Record<string, JsonValue> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, JsonValue> : {};
}

export function presentAuditEvent(e: AuditFacts, tenant: string | null): PresentedAuditEvent {
  return {
    id: e.id, at: e.at.toISOString(), type: e.type, tenant, userId: e.userId, tokenId: e.tokenId, actor: e.actor,
    address: e.address, method: e.method, path: e.path, status: e.status, data: auditData(e.data),
  };
}

/** What an administrator gives to create a user (the body of POST .../users). */
export interface NewUser {
  login: string;
  name: string;
  role: Role;
  language?: Language;
  /** The login of the agent an agent user is linked to; none for other roles. */
  agent?: string | null;
  /** Chosen by the administrator; when absent one is generated and returned once. */
  password?: string;
}

/** What a change sets; an absent field is left as it is. */
export interface UserChange {
  name?: string;
  role?: Role;
  language?: Language;
  /** An agent's login in the user's (new) tenant, or null to unlink. */
  agent?: string | null;
  disabled?: boolean;
  /** A tenant's slug, or null for the outsourcer's staff (operator_admin only). */
  tenant?: string | null;
}
