// "Too many attempts: try again in 4:59", counting down.
import { T } from '../i18n/T';
import { messageFor } from '../i18n/errors';
import { Duration } from '../ui/bidi';
import { blocked, blockedSeconds } from './blocked';

export function BlockedNotice() {
  const b = blocked.value;
  const seconds = blockedSeconds.value;
  if (!b || seconds <= 0) return null;
  return (
    <p class="error" role="alert" data-testid="login-blocked">
      {messageFor(b.id)}{' '}
      <T k="login.retryIn" parts={{ wait: <Duration seconds={seconds} testid="login-blocked-wait" /> }} />
    </p>
  );
}
