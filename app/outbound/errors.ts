// The click-to-call's own error: no call can be placed while the app is not connected to Asterisk.
import { DomainError } from '../errors/domain.js';

/** 503: the media core is not reachable now; the request may be tried again. */
export class MediaUnavailableError extends DomainError {
  override readonly name = 'MediaUnavailableError';
  readonly status = 503;
}
