// ari.conf: ARI on, one user for the app. The password is a secret handed to the renderer; it is
// never part of site.json. channelvars puts our call variables into every channel object ARI
// sends, so the app can rebuild its picture of live calls after a restart.
import type { Site } from '../schema/site.js';
import { CHANNEL_VARIABLES } from './extensions.js';
import { renderIni } from './ini.js';
import { safe } from './safe.js';

export function renderAri(site: Site, password: string): string {
  if (password.length < 8) throw new Error('pbx-config: refusing to render the ARI password: shorter than 8 characters');
  return renderIni([
    {
      name: 'general',
      lines: [
        ['enabled', 'yes'],
        ['pretty', 'no'],
        ['channelvars', CHANNEL_VARIABLES.join(',')],
      ],
    },
    {
      name: safe('site.ari.username', site.ari.username),
      lines: [
        ['type', 'user'],
        ['read_only', 'no'],
        ['password', safe('ariPassword', password, 'secret')],
        ['password_format', 'plain'],
      ],
    },
  ]);
}
