// HTTP to the app: JSON in and out, the session cookie sent by the browser, and on every
// state-changing request the latest CSRF token (x-csrf-token). An error answer becomes an
// ApiError with the contract's stable id; the server's English `message` is never shown.
// A 401 anywhere (except a wrong password or code, which the form shows) ends the session on
// screen: the handler set with onSessionLost sends the user back to the login screen.
import type { ErrorBody } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The contract's error id, `network` when the server could not be reached, `http.<status>` when the body had none. */
    readonly id: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(id);
    this.name = 'ApiError';
  }
}

/** 401s that answer what was typed in a login form, not the end of a session. */
const FORM_REFUSALS = new Set(['auth.bad_credentials', 'auth.bad_code', 'auth.code_replayed']);

let csrf = '';
let sessionLost: (id: string) => void = () => {};
let refreshCsrf: () => Promise<void> = async () => {};

export function setCsrf(token: string): void { csrf = token; }
export function onSessionLost(handler: (id: string) => void): void { sessionLost = handler; }
/** How to get a fresh CSRF token (GET /api/session) when the server says ours is stale. */
export function onStaleCsrf(handler: () => Promise<void>): void { refreshCsrf = handler; }

function readError(body: unknown, status: number): ApiError {
  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const id = typeof error?.id === 'string' ? error.id : `http.${status}`;
  const details = error?.details && typeof error.details === 'object' ? error.details : {};
  return new ApiError(status, id, details);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  if (response.ok) return parsed as T;

  const error = readError(parsed, response.status);
  if (response.status === 401 && !FORM_REFUSALS.has(error.id)) sessionLost(error.id);
  // The token changed under us (another tab logged in again): take the new one and try once more;
  // the server refused the request before doing anything.
  if (response.status === 403 && error.id === 'auth.csrf' && !retried) {
    await refreshCsrf();
    return api<T>(method, path, body, true);
  }
  throw error;
}
