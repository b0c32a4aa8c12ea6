// asterisk.conf: Debian's directory layout, written out so that nothing depends on compiled-in
// defaults, and quiet options (the service is started with -U/-G, so no runuser/rungroup).
import { renderIni } from './ini.js';
import { safe } from './safe.js';

/** Debian's paths (package asterisk 1:22.x, amd64). */
export const DEBIAN_DIRS = {
  astcachedir: '/var/cache/asterisk',
  astetcdir: '/etc/asterisk',
  astmoddir: '/usr/lib/x86_64-linux-gnu/asterisk/modules',
  astvarlibdir: '/var/lib/asterisk',
  astdbdir: '/var/lib/asterisk',
  astkeydir: '/var/lib/asterisk',
  astdatadir: '/usr/share/asterisk',
  astagidir: '/usr/share/asterisk/agi-bin',
  astspooldir: '/var/spool/asterisk',
  astrundir: '/var/run/asterisk',
  astlogdir: '/var/log/asterisk',
  astsbindir: '/usr/sbin',
} as const;

/** Where ARI and Record() put recordings: Asterisk derives it as <astspooldir>/recording. */
export const RECORDING_DIR = `${DEBIAN_DIRS.astspooldir}/recording`;

/** Checks that the app looks for recordings where Asterisk writes them. */
export function checkRecordingsPath(recordings: string): void {
  const path = safe('paths.recordings', recordings, 'path').replace(/\/$/, '');
  if (path !== RECORDING_DIR) {
    throw new Error(`pbx-config: paths.recordings is ${JSON.stringify(recordings)}, but Asterisk records into ${RECORDING_DIR} `
      + '(<astspooldir>/recording, not configurable on its own): use that path, and mount or link other storage there');
  }
}

export function renderAsteriskConf(): string {
  return renderIni([
    { name: 'directories', lines: Object.entries(DEBIAN_DIRS).map(([k, v]) => [k, '=>', v] as const) },
    {
      name: 'options',
      lines: [
        ['verbose', 0],
        ['debug', 0],
        ['hideconnect', 'yes'],
        ['documentation_language', 'en_US'],
      ],
    },
  ]);
}
