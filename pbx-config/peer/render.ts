// The peer Asterisk's whole configuration directory: file name -> content. Pure; the bench
// runner writes it into the root file system and starts `asterisk -C <etcDir>/asterisk.conf`.
// Every directory Asterisk writes to is the peer's own, so it runs beside the appliance's.
import { DEBIAN_DIRS } from '../render/asterisk.js';
import { renderIni } from '../render/ini.js';
import { renderMusicOnHold } from '../render/musiconhold.js';
import { renderCdr, renderCel } from '../render/records.js';
import { safe, safeInt } from '../render/safe.js';
import { renderPeerExtensions, renderPeerQueues } from './dialplan.js';
import { renderPeerModules } from './modules.js';
import { renderPeerPjsip } from './pjsip.js';
import { type PeerSettings, peerDirs } from './settings.js';

function renderPeerAsteriskConf(s: PeerSettings): string {
  const d = peerDirs(s);
  const dirs: Record<string, string> = {
    ...DEBIAN_DIRS,
    astetcdir: s.etcDir, astrundir: d.run, astspooldir: d.spool, astdbdir: d.db, astlogdir: d.log, astcachedir: d.cache,
  };
  return renderIni([
    { name: 'directories', lines: Object.entries(dirs).map(([k, v]) => [k, '=>', safe(`directories.${k}`, v, 'path')] as const) },
    { name: 'options', lines: [['verbose', 0], ['debug', 0], ['hideconnect', 'yes'], ['documentation_language', 'en_US']] },
  ]);
}

export function renderPeerConfig(s: PeerSettings): Record<string, string> {
  if (s.rtp.start >= s.rtp.end) throw new RangeError(`pbx-config: refusing to render rtp.start: ${s.rtp.start} is not below rtp.end ${s.rtp.end}`);
  if (!s.agents.length) throw new Error('pbx-config: refusing to render the peer without agents: its queue could never be answered');
  return {
    'asterisk.conf': renderPeerAsteriskConf(s),
    'modules.conf': renderPeerModules(),
    // As on the appliance: no call records in Asterisk (their engines are core, not modules).
    'cdr.conf': renderCdr(),
    'cel.conf': renderCel(),
    'logger.conf': renderIni([
      { name: 'general', lines: [['dateformat', '%F %T.%3q']] },
      { name: 'logfiles', lines: [['console', '=>', 'warning,error'], ['messages.log', '=>', 'notice,warning,error']] },
    ]),
    'rtp.conf': renderIni([{ name: 'general', lines: [
      ['rtpstart', safeInt('rtp.start', s.rtp.start, 1, 65535)], ['rtpend', safeInt('rtp.end', s.rtp.end, 1, 65535)], ['strictrtp', 'yes'],
    ] }]),
    // The appliance's own file: the same class, directory, files (Debian's GSM hold music) and order.
    'musiconhold.conf': renderMusicOnHold(),
    'pjsip.conf': renderPeerPjsip(s),
    'extensions.conf': renderPeerExtensions(s),
    'queues.conf': renderPeerQueues(s),
  };
}

export { PEER_MODULES } from './modules.js';
export { PEER_QUEUE, PEER_RECORDING_FORMAT } from './dialplan.js';
export { type PeerAgent, type PeerSettings, peerDirs } from './settings.js';
