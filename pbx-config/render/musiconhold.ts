// musiconhold.conf: one default class playing Debian's hold music files (package
// asterisk-moh-opsound-gsm, recommended by asterisk, installs them there).
import { DEBIAN_DIRS } from './asterisk.js';
import { renderIni } from './ini.js';

export const MOH_DIR = `${DEBIAN_DIRS.astdatadir}/moh`;

export function renderMusicOnHold(): string {
  return renderIni([{
    name: 'default',
    lines: [
      ['mode', 'files'],
      ['directory', MOH_DIR],
      ['sort', 'random'],
    ],
  }]);
}
