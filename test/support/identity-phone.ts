// A simulated phone (test/support/phones.ts's scenarios: answer, ignore, busy) that also logs who
// each INVITE is for and who it shows as calling: the request URI's user, the From user and the
// P-Asserted-Identity user. For checking the identities the appliance presents: to an agent's
// phone (the number they are about to call) and, on the carrier trunk's far end (127.0.0.2:5060,
// where calls placed out through the trunk arrive), to the called party (the line's DID).
import { agentState, type TestAgent } from './agents.js';
import { eventually } from './eventually.js';
import { type PhoneAccount, type PhoneBehaviour, phoneScenario, registerPhone, RunningPhone, spawnPhone } from './phones.js';

/** The carrier trunk's far end, where the appliance sends what it dials out (site.json: trunk host). */
export const TRUNK_FAR_END: PhoneAccount = { sipUsername: 'trunk-far-end', sipPassword: '', ip: '127.0.0.2', port: 5060 };

export interface InviteIdentity {
  at: Date;
  /** The user of the request URI: the number dialled. */
  requestUser: string;
  fromUser: string;
  /** '' when the INVITE had no P-Asserted-Identity. */
  paiUser: string;
}

const PHONE_INVITE_LOG = '<log message="[timestamp] INVITE [call_id] [$ccid] [$context]"/>';
const IDENTITY_INVITE_LOG = `<ereg regexp="INVITE sip:([^@;> ]*)" search_in="msg" check_it="true" assign_to="junk,ruser"/>
      <ereg regexp="sip:([^@;>]*)@" search_in="hdr" header="From:" check_it="true" assign_to="junk,fuser"/>
      <ereg regexp="sip:([^@;>]*)@" search_in="hdr" header="P-Asserted-Identity:" check_it="false" assign_to="junk,puser"/>
      <log message="[timestamp] INVITE [call_id] ruri=[$ruser] from=[$fuser] pai=[$puser] [$ccid] [$context]"/>`;

/** phones.ts's scenario for a behaviour, its INVITE logged with the identities it carries. */
export function identityScenario(b: PhoneBehaviour): string {
  const xml = phoneScenario(b);
  if (!xml.includes(PHONE_INVITE_LOG)) throw new Error('phones.ts no longer logs INVITEs as identity-phone.ts expects');
  return xml.replace(PHONE_INVITE_LOG, IDENTITY_INVITE_LOG);
}

export class IdentityPhone extends RunningPhone {
  /** The INVITEs received so far, with the identities they carried. */
  invites(): InviteIdentity[] {
    return this.lines().filter((l) => l.what === 'INVITE').map((l) => {
      const field = (name: string) => l.extra.find((x) => x.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';
      return { at: l.at, requestUser: field('ruri'), fromUser: field('from'), paiUser: field('pai') };
    });
  }
}

/** Starts the phone's UAS for up to `calls` calls (as phones.ts's startPhone does); stop() ends it. */
export function startIdentityPhone(p: PhoneAccount, b: PhoneBehaviour, calls = 1): IdentityPhone {
  return spawnPhone(IdentityPhone, p, identityScenario(b), calls, 21000);
}

/** An agent's phone registered and answering as `b` (like agents.ts's connectPhone), logging identities. */
export async function registerPhoneAndWait(tenant: string, agent: TestAgent, b: PhoneBehaviour, calls = 1): Promise<IdentityPhone> {
  await registerPhone(agent);
  const phone = startIdentityPhone(agent, b, calls);
  agent.phone = phone;
  await eventually(async () => (await agentState(tenant, agent.id))?.registered === true, { what: `${agent.sipUsername} registered` });
  return phone;
}
