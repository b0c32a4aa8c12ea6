// logger.conf: notices, warnings and errors to the console and to Debian's messages.log (which
// Debian's logrotate rule, /var/log/asterisk/*.log, rotates). No verbose or debug file.
import { renderIni } from './ini.js';

export function renderLogger(): string {
  return renderIni([
    { name: 'general', lines: [['dateformat', '%F %T.%3q']] },
    {
      name: 'logfiles',
      lines: [
        ['console', '=>', 'notice,warning,error'],
        ['messages.log', '=>', 'notice,warning,error'],
      ],
    },
  ]);
}
