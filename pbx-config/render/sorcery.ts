// sorcery.conf: where res_pjsip finds its objects. Trunks come from pjsip.conf (rendered from
// site.json); agents' phones are pushed by the app over ARI (PUT /asterisk/config/dynamic/...),
// which needs a writable wizard: the memory one, consulted after the file. The app pushes every
// agent again after each connection, so an Asterisk restart loses nothing.
import { renderIni } from './ini.js';

export function renderSorcery(): string {
  const objects = ['endpoint', 'auth', 'aor'];
  return renderIni([
    {
      name: 'res_pjsip',
      lines: objects.flatMap((o) => [[o, `config,pjsip.conf,criteria=type=${o}`] as const, [o, 'memory'] as const]),
    },
  ]);
}
