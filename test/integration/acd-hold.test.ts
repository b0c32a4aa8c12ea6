// Hold on the real appliance: the agent's desk phone puts the caller on hold (a re-INVITE offering
// sendonly, as desk phones do) and takes them back; both are logged on the call, who did it,
// and the caller hears music meanwhile (the bridge's music on hold, read from Asterisk).
import test from 'ava';
import { callWithAgent } from '../support/agent-call.js';
import { eventData } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { asteriskCli } from '../bench/asterisk-cli.js';

/** Whether Asterisk plays music on hold to the call's bridge now (its announcer channel exists). */
async function musicInBridge(callId: string): Promise<boolean> {
  const { stdout } = await asteriskCli(`bridge show call-${callId}`);
  return /Announcer/i.test(stdout);
}

test('given an agent talking with a caller, when the agent\'s phone puts the call on hold and back, then both are logged and the caller hears music meanwhile', async (t) => {
  const { agent, phone, callId, walk } = await callWithAgent(t, '0644000031', 5131, 16_000, {
    kind: 'answer', ringMs: 200, hold: { afterMs: 1_000, forMs: 5_000 },
  });
  await eventually(() => Promise.resolve(phone.count('HELD') === 1), { what: 'the phone put the call on hold' });
  await eventually(() => musicInBridge(callId), { what: 'music for the caller' });
  await eventually(() => Promise.resolve(phone.count('RESUMED') === 1), { what: 'the phone took the call back' });
  await eventually(async () => !(await musicInBridge(callId)), { what: 'the music stopped' });

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(eventData(events, 'call.held'), [{ by: 'agent', agent: agent.id }]);
  t.deepEqual(eventData(events, 'call.resumed'), [{ by: 'agent', agent: agent.id }]);
  const types = events.map((e) => e.type);
  t.true(types.indexOf('agent.answered') < types.indexOf('call.held') && types.indexOf('call.held') < types.indexOf('call.resumed'));
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
});
