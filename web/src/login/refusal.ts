// What a login form does with a refusal: a lock or rate limit starts the countdown, anything
// else is shown under the form.
import { ApiError } from '../api/client';
import { retryAfter } from '../i18n/errors';
import { block } from './blocked';

/** True when the refusal was a lock (shown by BlockedNotice rather than as a form error). */
export function handleLock(error: unknown): boolean {
  if (error instanceof ApiError && error.status === 429) {
    block(error.id, retryAfter(error) ?? 60);
    return true;
  }
  return false;
}
