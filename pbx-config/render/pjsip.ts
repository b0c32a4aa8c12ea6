// pjsip.conf: one UDP transport, and for each carrier trunk an endpoint, an aor with a static
// contact and an identify section matching the addresses its INVITEs come from. A request that no
// identify matches finds no endpoint (there is no anonymous endpoint and its module is not
// loaded), so it is challenged and refused.
import type { Site, Trunk } from '../schema/site.js';
import { type Line, type Section, renderIni } from './ini.js';
import { safe, safeInt } from './safe.js';

export const TRANSPORT = 'transport-udp';
/** The dialplan context every trunk's calls enter. */
export const TRUNK_CONTEXT = 'from-trunk';
/** The context agents' phones (pushed by the app over ARI) dial into: feature codes only. */
export const AGENT_CONTEXT = 'from-agents';
export const USER_AGENT = 'ccapp';

function trunkSections(trunk: Trunk, i: number): Section[] {
  const field = `site.trunks.${i}`;
  const name = safe(`${field}.name`, trunk.name);
  const codecs = trunk.codecs.map((c, j) => safe(`${field}.codecs.${j}`, c)).join(',');
  const host = safe(`${field}.host`, trunk.host, 'ip');
  const port = safeInt(`${field}.port`, trunk.port, 1, 65535);
  const matches: Line[] = trunk.sourceAddresses.map((a, j) => ['match', safe(`${field}.sourceAddresses.${j}`, a, 'network')] as const);
  if (!matches.length) throw new Error(`pbx-config: refusing to render ${field}.sourceAddresses: empty, the trunk could never be identified`);
  return [
    {
      name,
      comment: [`trunk ${name}`],
      lines: [
        ['type', 'endpoint'],
        ['transport', TRANSPORT],
        ['context', TRUNK_CONTEXT],
        ['disallow', 'all'],
        ['allow', codecs],
        ['aors', name],
        // Only its source address identifies a trunk: a From user equal to its name does not.
        ['identify_by', 'ip'],
        // RFC 4733 events; SIP INFO digits are accepted too (res_pjsip_dtmf_info is loaded).
        ['dtmf_mode', 'rfc4733'],
        ['direct_media', 'no'],
        ['rtp_symmetric', 'yes'],
        ['force_rport', 'yes'],
        ['rewrite_contact', 'yes'],
        ['allow_subscribe', 'no'],
        // Carriers send complete numbers: no 484 for a prefix of a DID.
        ['allow_overlap', 'no'],
        // The carrier is identified by its address: trust its P-Asserted-Identity for caller id.
        ['trust_id_inbound', 'yes'],
      ],
    },
    {
      name,
      lines: [
        ['type', 'aor'],
        ['contact', `sip:${host}:${port}`],
        ['qualify_frequency', 0],
      ],
    },
    {
      name: `${name}-identify`,
      lines: [['type', 'identify'], ['endpoint', name], ...matches],
    },
  ];
}

export function renderPjsip(site: Site): string {
  const bind = `${safe('site.sip.bindAddress', site.sip.bindAddress, 'ip')}:${safeInt('site.sip.port', site.sip.port, 1, 65535)}`;
  return renderIni([
    {
      name: 'global',
      lines: [
        ['type', 'global'],
        ['endpoint_identifier_order', 'ip,username'],
        ['user_agent', USER_AGENT],
      ],
    },
    {
      name: TRANSPORT,
      lines: [['type', 'transport'], ['protocol', 'udp'], ['bind', bind]],
    },
    ...site.trunks.flatMap(trunkSections),
  ]);
}
