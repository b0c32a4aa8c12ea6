// A visible banner while the live connection is down (the panel may be out of date), or when
// the server refused the subscription.
import { t } from '../i18n/i18n';
import { messageFor } from '../i18n/errors';
import { liveError, liveStatus, panel } from './store';

export function LiveBanner() {
  const status = liveStatus.value;
  const refused = liveError.value;
  // Before the first snapshot the page itself says it is loading; afterwards any gap is shown.
  const down = panel.value !== null && (status === 'reconnecting' || status === 'connecting');
  return (
    <div class="banner-slot" aria-live="assertive">
      {down && <div class="banner warn" role="alert" data-testid="live-banner">{t('live.reconnecting')}</div>}
      {!down && refused && panel.value !== null && <div class="banner warn" role="alert" data-testid="live-refused">{messageFor(refused)}</div>}
    </div>
  );
}
