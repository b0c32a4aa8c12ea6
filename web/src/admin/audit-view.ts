// How an audit row reads for an administrator: the kind of event in words (a known type, else
// "other"), and who did it out of the server's actor text ("user 7 (marie)", "token 3 (crm)",
// "cli (root)"), never the raw text.

/** The type filters offered, as prefixes ('' for every event). */
export const AUDIT_FILTERS = ['', 'login.', 'user.', 'token.', 'second_factor.', 'auth.'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];

/** The event types with a sentence of their own (locale keys audit.type.<type with _ for .>). */
export const KNOWN_EVENTS = [
  'login.ok', 'login.failed', 'login.password_ok', 'login.locked', 'login.rate_limited', 'logout',
  'user.created', 'user.changed', 'user.disabled', 'user.enabled', 'user.password_reset',
  'second_factor.enrolled', 'second_factor.enrolment_started', 'second_factor.recovery_code_used', 'second_factor.reset',
  'token.created', 'token.revoked', 'auth.forbidden', 'auth.unauthenticated',
] as const;

const known = new Set<string>(KNOWN_EVENTS);

/** The locale key part for a type: 'login.ok' -> 'login_ok'; unknown types -> 'other'. */
export function eventKey(type: string): string {
  return known.has(type) ? type.replace('.', '_') : 'other';
}

export type Actor =
  | { kind: 'user'; name: string }
  | { kind: 'token'; name: string }
  | { kind: 'cli' }
  | { kind: 'none' };

export function readActor(actor: string | null): Actor {
  if (!actor) return { kind: 'none' };
  const m = /^(user|token) \d+ \((.*)\)$/.exec(actor);
  if (m?.[1] === 'user' || m?.[1] === 'token') return { kind: m[1], name: m[2] ?? '' };
  if (actor.startsWith('cli')) return { kind: 'cli' };
  return { kind: 'none' };
}

/** The fields a user.changed row says changed (data.after's keys), known ones only. */
const FIELDS = ['name', 'role', 'language', 'agentLogin', 'disabled', 'tenant', 'login'] as const;
export type ChangedField = (typeof FIELDS)[number];

export function changedFields(data: Record<string, unknown>): ChangedField[] {
  const after = data.after;
  if (!after || typeof after !== 'object') return [];
  return FIELDS.filter((f) => f in after);
}
