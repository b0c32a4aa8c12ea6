// One message per error id of the contract, in the user's language; a generic one for any other
// id. The server's `message` (English, for logs) is never shown, nor anything technical.
import { ApiError } from '../api/client';
import { has, t, tDynamic } from './i18n';

/** Every error id the app has a message for (resources.test.ts checks each is translated). */
export const KNOWN_ERRORS = [
  'network', 'internal',
  'auth.bad_credentials', 'auth.locked', 'auth.rate_limited', 'auth.bad_code', 'auth.code_replayed',
  'auth.session_expired', 'auth.session_ended', 'auth.second_factor_required', 'auth.missing_credentials',
  'auth.unauthenticated', 'auth.csrf', 'auth.forbidden', 'auth.role_forbidden', 'auth.tenant_forbidden',
  'auth.other_agent', 'auth.tenant_removed', 'auth.invalid_token',
  'agent.not_logged_in', 'agent.busy', 'agent.not_found', 'agent.unknown_pause_reason',
  'call.not_found', 'call.not_transferable', 'call.not_holdable', 'wrapup.unknown_reason',
  'outbound.unknown_line', 'outbound.line_without_number',
  'dialling.refused',
  'request.invalid', 'tenant.not_found',
  'user.login_taken', 'user.login_invalid', 'user.name_invalid', 'user.password_weak', 'user.last_operator_admin',
  'user.agent_taken', 'user.agent_not_found', 'user.agent_required', 'user.agent_not_allowed', 'user.role_forbidden',
  'user.tenant_required', 'user.tenant_not_allowed', 'user.tenant_change_forbidden', 'user.tenant_not_found', 'user.not_found',
  'token.not_found', 'token.name', 'token.agent_rule', 'token.tenant_rule', 'token.agent_not_found', 'token.tenant_not_found',
] as const;

/** The rules a dialling policy refuses a number by (details.rule of dialling.refused). */
export const DIALLING_RULES = [
  'not_allowed_country', 'premium', 'short_number', 'emergency', 'too_long', 'too_short', 'malformed',
  'tenant_limit', 'agent_limit',
] as const;

const known = new Set<string>(KNOWN_ERRORS);

export function errorId(error: unknown): string {
  return error instanceof ApiError ? error.id : 'internal';
}

/** The message for an error id (and its details, for the few that say more). */
export function messageFor(id: string, details: Record<string, unknown> = {}): string {
  if (!known.has(id) || !has(`errors.${id}`)) return t('errors.generic');
  const text = tDynamic(`errors.${id}`);
  if (id === 'dialling.refused') {
    const rule = details.rule;
    const ruleKey = `dialling.${String(rule)}`;
    return typeof rule === 'string' && (DIALLING_RULES as readonly string[]).includes(rule) ? `${text} ${tDynamic(ruleKey)}` : text;
  }
  return text;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? messageFor(error.id, error.details) : t('errors.generic');
}

/** details.retryAfterSeconds of a 429, if any. */
export function retryAfter(error: unknown): number | null {
  const s = error instanceof ApiError ? error.details.retryAfterSeconds : undefined;
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? s : null;
}
