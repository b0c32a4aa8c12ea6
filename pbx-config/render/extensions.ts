// extensions.conf: the trunk context hands every known DID to the app's Stasis application and
// refuses everything else as an unallocated number (cause 1, which PJSIP answers with 404).
// Nothing else is reachable from the trunk. The agents' phones get their own context later.
import type { Site } from '../schema/site.js';
import type { Tenant } from '../schema/tenant.js';
import { type Line, renderIni } from './ini.js';
import { AGENT_CONTEXT, TRUNK_CONTEXT } from './pjsip.js';
import { safe } from './safe.js';

/** Channel variables set on each inbound call before Stasis (the app sets CCAPP_CALL_ID itself). */
export const CHANNEL_VARIABLES = ['CCAPP_TENANT', 'CCAPP_LINE', 'CCAPP_DID', 'CCAPP_CALL_ID'] as const;

/** Q.850 causes used in the dialplan, with the SIP response chan_pjsip maps each to. */
const CAUSE = { unallocated: 1 /* 404 */, congestion: 34 /* 503 */ } as const;

export interface DialplanPaths {
  sounds: string;
  recordings: string;
}

/** The lines of one DID, written for both forms a carrier may send: digits and +digits. */
function didLines(exten: string, app: string, slug: string, line: string, did: string): Line[] {
  return [
    ['exten', '=>', `${exten},1,Set(CCAPP_TENANT=${slug})`],
    ['same', '=>', `n,Set(CCAPP_LINE=${line})`],
    ['same', '=>', `n,Set(CCAPP_DID=${did})`],
    ['same', '=>', `n,Stasis(${app},inbound,${slug},${line},${did})`],
    // The app is not connected: 503 lets the carrier try the other site.
    ['same', '=>', 'n,GotoIf($["${STASISSTATUS}" = "FAILED"]?down)'],
    ['same', '=>', 'n,Hangup()'],
    ['same', '=>', `n(down),Hangup(${CAUSE.congestion})`],
  ];
}

function tenantLines(tenant: Tenant, t: number, app: string, seen: Map<string, string>): Line[] {
  const slug = safe(`tenants.${t}.slug`, tenant.slug);
  const lines: Line[] = [];
  tenant.numbers.forEach((n, i) => {
    const field = `tenants.${t}.numbers.${i}`;
    const did = safe(`${field}.did`, n.did);
    if (!/^[0-9]+$/.test(did)) throw new Error(`pbx-config: refusing to render ${field}.did: ${JSON.stringify(did)} is not digits only`);
    const line = safe(`${field}.line`, n.line);
    const owner = seen.get(did);
    if (owner !== undefined) throw new Error(`pbx-config: refusing to render ${field}.did: ${did} is already routed by ${owner}`);
    seen.set(did, field);
    lines.push({ comment: `${slug}: line ${line}` });
    lines.push(...didLines(did, app, slug, line, did), ...didLines(`+${did}`, app, slug, line, did));
  });
  return lines;
}

export function renderExtensions(site: Site, tenants: readonly Tenant[], paths: DialplanPaths): string {
  const app = safe('site.ari.app', site.ari.app);
  const seen = new Map<string, string>();
  const trunk: Line[] = tenants.flatMap((tenant, t) => tenantLines(tenant, t, app, seen));
  trunk.push(
    { comment: 'any other number: unallocated (SIP 404), never answered' },
    ['exten', '=>', `_X.,1,Hangup(${CAUSE.unallocated})`],
    ['exten', '=>', `_+X.,1,Hangup(${CAUSE.unallocated})`],
    { comment: 'a jump to a missing extension ends the same way; no h extension: nothing to do on hang-up' },
    ['exten', '=>', `i,1,Hangup(${CAUSE.unallocated})`],
  );
  return renderIni([
    {
      name: 'general',
      lines: [['static', 'yes'], ['writeprotect', 'yes'], ['clearglobalvars', 'yes'], ['autofallthrough', 'yes']],
    },
    {
      name: 'globals',
      comment: ['Where the app keeps prompts and Asterisk writes recordings, as Asterisk sees them.'],
      lines: [
        ['CCAPP_SOUNDS', safe('paths.sounds', paths.sounds, 'path')],
        ['CCAPP_RECORDINGS', safe('paths.recordings', paths.recordings, 'path')],
      ],
    },
    { name: TRUNK_CONTEXT, comment: ['Calls from the carrier trunks (pjsip.conf).'], lines: trunk },
    {
      name: AGENT_CONTEXT,
      comment: ['Agents\' phones: feature codes (*11 log in, *12 log out, *13 pause, *14 available) go to the app.', 'Calls out are placed through the API (click-to-call), not dialled from the phone.'],
      lines: [
        ['exten', '=>', `_*XX,1,Stasis(${app},feature,\${EXTEN})`],
        ['same', '=>', 'n,GotoIf($["${STASISSTATUS}" = "FAILED"]?down)'],
        ['same', '=>', 'n,Hangup()'],
        ['same', '=>', `n(down),Hangup(${CAUSE.congestion})`],
        ['exten', '=>', `_X.,1,Hangup(${CAUSE.unallocated})`],
        ['exten', '=>', `i,1,Hangup(${CAUSE.unallocated})`],
      ],
    },
  ]);
}
