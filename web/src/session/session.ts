// The login session as the server sees it (GET /api/session and the answers of the login
// routes). Every answer brings the latest CSRF token; once logged in, the user's language is
// the page's. A lost session (any 401, a 4401 on the live socket) goes back to the login screen
// with the reason.
import { computed, signal } from '@preact/signals';
import { onSessionLost, onStaleCsrf, setCsrf } from '../api/client';
import * as routes from '../api/session';
import type { Language, SessionAnswer } from '../api/types';
import { serverOffset, timezone } from '../format/clock';
import { applyLanguage, initialLanguage, language } from '../i18n/i18n';

/** null while the first GET /api/session is under way. */
export const session = signal<SessionAnswer | null>(null);
/** Why the user is on the login screen: an error id (auth.session_expired...) or 'logged_out'. */
export const loginNotice = signal<string | null>(null);
/** The recovery codes of an enrolment just confirmed, until the user says they saved them. */
export const recoveryCodes = signal<string[] | null>(null);
/** The session could not be read at all (server unreachable). */
export const loadFailed = signal(false);

export const user = computed(() => session.value?.user ?? null);

const LOGGED_OUT: SessionAnswer = { stage: 'none', user: null, csrf: '' };

export function applySession(answer: SessionAnswer): void {
  setCsrf(answer.csrf);
  // The user's own language once logged in; during the login steps the page keeps the language
  // chosen on the login screen (switching under the user's eyes after the password would jar).
  if (answer.user && answer.stage === 'complete') {
    if (answer.user.language !== language.value) applyLanguage(answer.user.language);
    timezone.value = answer.user.timezone;
    serverOffset.value = answer.user.utcOffsetMinutes;
  }
  session.value = answer;
}

export function sessionLost(id: string): void {
  if (session.value?.stage === 'none') return;
  recoveryCodes.value = null;
  loginNotice.value = id;
  setCsrf('');
  session.value = LOGGED_OUT;
}

onSessionLost(sessionLost);
onStaleCsrf(async () => { applySession(await routes.getSession()); });

export async function loadSession(): Promise<void> {
  applyLanguage(initialLanguage());
  try {
    applySession(await routes.getSession());
    loadFailed.value = false;
  } catch {
    loadFailed.value = true;
  }
}

export async function login(name: string, password: string): Promise<void> {
  const answer = await routes.postLogin(name, password);
  loginNotice.value = null;
  applySession(answer);
}

export async function secondFactor(input: { code: string } | { recoveryCode: string }): Promise<void> {
  applySession('code' in input ? await routes.postCode(input.code) : await routes.postRecoveryCode(input.recoveryCode));
}

export const startEnrolment = () => routes.postEnrolment();

export async function confirmEnrolment(code: string): Promise<void> {
  const { recoveryCodes: codes, ...answer } = await routes.postEnrolmentConfirm(code);
  recoveryCodes.value = codes;
  applySession(answer);
}

export function recoveryCodesSaved(): void {
  recoveryCodes.value = null;
}

/** Before login: this browser only. Logged in: the user's setting, on the server. */
export async function changeLanguage(lng: Language): Promise<void> {
  if (session.value?.stage === 'complete') {
    applySession(await routes.putLanguage(lng));
  } else {
    applyLanguage(lng);
  }
}

export async function logout(): Promise<void> {
  try {
    await routes.deleteSession();
  } catch {
    // Already over on the server (401 handled by the client) or unreachable: leave anyway.
  }
  recoveryCodes.value = null;
  loginNotice.value = 'logged_out';
  setCsrf('');
  session.value = LOGGED_OUT;
}
