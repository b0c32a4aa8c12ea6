// In-queue callback on the real appliance: a caller waiting in the utility's technical queue
// presses 1, hears their number read back and confirms it with 1 (a caller whose number is
// withheld types one, ended by #), hears the confirmation and is hung up; the call keeps its place. When an agent is
// free, the agent's phone rings first; once they answer, the caller's number is dialled through
// the trunk (a SIPp UAS on the trunk's address plays the caller's phone) and both talk, recorded.
import test from 'ava';
import { connectPhone, createAgent, setState } from '../support/agents.js';
import { db, select } from '../support/appliance.js';
import { callbackEnded, eventData, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { startIdentityPhone, TRUNK_FAR_END } from '../support/identity-phone.js';
import { startPhone } from '../support/phones.js';

const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];

test('given a caller waiting with no free agent, when they press the callback key, then they are called back when an agent is free, on the same call', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const agentPhone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  const callersPhone = startIdentityPhone(TRUNK_FAR_END, { kind: 'answer', ringMs: 300, talkMs: 4_000 });
  t.teardown(() => callersPhone.stop());

  // French, technical, then 1 about 10 s later, in the queue (the welcome takes about 7.5 s), then 1 to confirm the number read back.
  const keys = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }, { key: '1', via: 'info' as const, afterMs: 10_000 }, { key: '1', via: 'info' as const, afterMs: 2_000 }];
  const first = await walkIvr('212520000001', keys, 30_000, { localPort: 5111, caller: '0655000001' });
  t.is(first.sipp.code, 0, first.sipp.stdout.slice(-2000));
  t.deepEqual(eventData(first.events, 'callback.dialogue_started'), [{ numberKnown: true }]);
  t.like(eventData(first.events, 'callback.requested')[0], { queue: 'technique', number: '0655000001' });
  t.like(eventData(first.events, 'call.hangup')[0], { by: 'app' });
  t.is(eventData(first.events, 'queue.abandoned').length, 0, 'a callback request is no abandon');

  await setState('energie', agent, { action: 'login' });
  const conn = await db();
  try {
    const events = await callbackEnded(conn, first.call?.id);
    t.like(eventData(events, 'agent.offered')[0], { agent: agent.id, callback: true });
    t.like(eventData(events, 'agent.answered')[0], { agent: agent.id, callback: true });
    t.like(eventData(events, 'callback.result')[0], { answered: true, number: '0655000001', attempt: 1 });
    t.is(eventData(events, 'callback.answered').length, 1);
    t.like(eventData(events, 'callback.ended')[0], { by: 'caller' });
    t.is(agentPhone.count('ANSWERED'), 1);
    t.is(callersPhone.count('ANSWERED'), 1, 'the caller\'s phone was called and answered');
    t.like(callersPhone.invites()[0], { requestUser: '0655000001', fromUser: '212520000001' }, 'the caller is called at their number, shown the DID they had called');
    const recordings = await select<{ name: string; size_bytes: number }>(conn, 'SELECT name, size_bytes FROM recordings WHERE call_id = ? ORDER BY started_at', [first.call?.id]);
    t.deepEqual(recordings.map((r) => r.name.endsWith('-callback-1')), [false, true], 'the wait and the callback are both recorded');
  } finally {
    await conn.end();
  }
  await eventually(() => Promise.resolve(agentPhone.count('BYE-RECEIVED') === 1), { what: 'the agent\'s phone hung up after the callback' });
});

test('given a caller whose number is withheld, when they ask for a callback, then they type a number, a too short one is refused, and the confirmed one is called back', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  const callersPhone = startPhone({ sipUsername: 'caller', sipPassword: '', ip: '127.0.0.2', port: 5060 }, { kind: 'answer', ringMs: 300, talkMs: 2_000 });
  t.teardown(() => callersPhone.stop());
  const type = (digits: string) => [...digits].map((key) => ({ key, via: 'info' as const, afterMs: 250 }));
  const keys = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }, { key: '1', via: 'info' as const, afterMs: 10_000 },
    ...type('12#'), ...type('0655000002#'), { key: '1', via: 'info' as const, afterMs: 2_000 }];
  const first = await walkIvr('212520000001', keys, 30_000, { localPort: 5112, caller: 'anonymous' });
  t.is(first.sipp.code, 0, first.sipp.stdout.slice(-2000));
  t.deepEqual(eventData(first.events, 'callback.dialogue_started'), [{ numberKnown: false }]);
  t.deepEqual(eventData(first.events, 'callback.number_refused'), [{ digits: 2 }]);
  t.like(eventData(first.events, 'callback.requested')[0], { queue: 'technique', number: '0655000002' });
  t.like(eventData(first.events, 'call.hangup')[0], { by: 'app' });

  await setState('energie', agent, { action: 'login' });
  const conn = await db();
  try {
    const events = await callbackEnded(conn, first.call?.id);
    t.like(eventData(events, 'callback.result')[0], { answered: true, number: '0655000002', attempt: 1 });
  } finally {
    await conn.end();
  }
  const invite = callersPhone.lines().find((l) => l.what === 'INVITE');
  t.truthy(invite, 'the number typed was called');
});
