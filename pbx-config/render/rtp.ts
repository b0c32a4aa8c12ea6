// rtp.conf: the media port range from site.sip; strict RTP (only the negotiated source is
// accepted once media flows).
import type { Site } from '../schema/site.js';
import { renderIni } from './ini.js';
import { safeInt } from './safe.js';

export function renderRtp(site: Site): string {
  const { rtpStart, rtpEnd } = site.sip;
  if (rtpStart >= rtpEnd) throw new RangeError(`pbx-config: refusing to render site.sip.rtpStart: ${rtpStart} is not below rtpEnd ${rtpEnd}`);
  return renderIni([{
    name: 'general',
    lines: [
      ['rtpstart', safeInt('site.sip.rtpStart', rtpStart, 1, 65535)],
      ['rtpend', safeInt('site.sip.rtpEnd', rtpEnd, 1, 65535)],
      ['strictrtp', 'yes'],
    ],
  }]);
}
