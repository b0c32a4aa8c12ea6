// http.conf: Asterisk's HTTP server carries ARI; it listens on loopback only (the schema
// insists), without TLS, static files or a version in the Server header.
import { ARI_SESSION_LIMIT } from '../../app/ari/limits.js';
import type { Site } from '../schema/site.js';
import { renderIni } from './ini.js';
import { safe, safeInt } from './safe.js';

export function renderHttp(site: Site): string {
  const address = safe('site.http.bindAddress', site.http.bindAddress, 'ip');
  if (!address.startsWith('127.')) throw new Error(`pbx-config: refusing to render site.http.bindAddress: ${address} is not a loopback address`);
  return renderIni([{
    name: 'general',
    lines: [
      ['enabled', 'yes'],
      ['bindaddr', address],
      ['bindport', safeInt('site.http.port', site.http.port, 1, 65535)],
      ['servername', 'ccapp'],
      ['enablestatic', 'no'],
      ['tlsenable', 'no'],
      // The app's ARI pool stays below this (app/ari/limits.ts); Asterisk's default is 100.
      ['sessionlimit', ARI_SESSION_LIMIT],
    ],
  }]);
}
