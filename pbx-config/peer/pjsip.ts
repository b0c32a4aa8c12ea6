// The peer's pjsip.conf: one UDP transport on its own port, the carrier trunk identified by its
// source address (as the appliance's), and one endpoint per agent that registers with digest
// auth and is identified by its user name.
import { type Section, renderIni } from '../render/ini.js';
import { safe, safeInt } from '../render/safe.js';
import type { PeerAgent, PeerSettings } from './settings.js';

export const PEER_TRUNK = 'trunk';
export const PEER_TRUNK_CONTEXT = 'from-trunk';
/** Agents' phones may call nothing. */
export const PEER_AGENT_CONTEXT = 'from-agents';

const media = [
  ['disallow', 'all'], ['allow', 'alaw,ulaw'], ['dtmf_mode', 'rfc4733'], ['direct_media', 'no'],
  ['rtp_symmetric', 'yes'], ['force_rport', 'yes'],
] as const;

function agentSections(agent: PeerAgent, i: number): Section[] {
  const name = safe(`agents.${i}.username`, agent.username);
  return [
    {
      name,
      comment: [`agent ${name}`],
      lines: [['type', 'endpoint'], ['transport', 'transport-udp'], ['context', PEER_AGENT_CONTEXT], ...media,
        ['identify_by', 'username'], ['auth', `${name}-auth`], ['aors', name], ['allow_subscribe', 'no']],
    },
    {
      name: `${name}-auth`,
      lines: [['type', 'auth'], ['auth_type', 'userpass'], ['username', name], ['password', safe(`agents.${i}.password`, agent.password, 'secret')]],
    },
    {
      name,
      lines: [['type', 'aor'], ['max_contacts', 1], ['remove_existing', 'yes'], ['qualify_frequency', 0], ['maximum_expiration', 7200]],
    },
  ];
}

export function renderPeerPjsip(s: PeerSettings): string {
  const bind = `${safe('sip.bindAddress', s.sip.bindAddress, 'ip')}:${safeInt('sip.port', s.sip.port, 1, 65535)}`;
  return renderIni([
    { name: 'global', lines: [['type', 'global'], ['endpoint_identifier_order', 'ip,username'], ['user_agent', 'ccapp-bench-peer']] },
    { name: 'transport-udp', lines: [['type', 'transport'], ['protocol', 'udp'], ['bind', bind]] },
    {
      name: PEER_TRUNK,
      comment: ['the carrier trunk: identified by its source address only'],
      lines: [['type', 'endpoint'], ['transport', 'transport-udp'], ['context', PEER_TRUNK_CONTEXT], ...media,
        ['identify_by', 'ip'], ['rewrite_contact', 'yes'], ['allow_subscribe', 'no'], ['allow_overlap', 'no']],
    },
    { name: `${PEER_TRUNK}-identify`, lines: [['type', 'identify'], ['endpoint', PEER_TRUNK], ['match', safe('trunkSource', s.trunkSource, 'network')]] },
    ...s.agents.flatMap(agentSections),
  ]);
}
