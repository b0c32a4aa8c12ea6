// A misbehaving carrier on the real appliance: a burst of malformed but routable INVITEs from the
// trunk's address to a real DID (test/support/malformed-invites.ts), none of them ever ACKed or
// hung up by the sender. Whatever Asterisk accepts reaches our app, which must take every call it
// is given and end it; afterwards no channel is left in Asterisk, every call row is closed, no
// call flow failed, and an agent logged in throughout still takes the next normal call.
import test from 'ava';
import { agentState, connectPhone, createAgent, setState } from '../support/agents.js';
import { ari, db, select } from '../support/appliance.js';
import { eventData, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { MALFORMED_VARIANTS, sendMalformedInvites } from '../support/malformed-invites.js';

const DID = '212520000001';
const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];

test('given a burst of malformed INVITEs from the trunk, when it is over, then no channel is left, every call is closed, and the agent takes the next call', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  await setState('energie', agent, { action: 'login' });
  const since = new Date(Date.now() - 1000);

  const burst = await sendMalformedInvites(DID, MALFORMED_VARIANTS * 4, 20, 5079);
  t.log(`sent ${burst.sent}, final responses ${JSON.stringify(burst.finals)}`);
  t.true(Object.keys(burst.finals).length > 1, 'some were refused by Asterisk, some taken');

  // No ACK and no BYE ever come: Asterisk or the IVR ends each call; nothing stays.
  await eventually(async () => (await ari<unknown[]>('/channels')).length === 0, { attempts: 180, intervalMs: 1000, what: 'every channel gone' });
  const conn = await db();
  try {
    const calls = await eventually(async () => {
      const rows = await select<{ id: string; ended_at: Date | null }>(conn, 'SELECT id, ended_at FROM calls WHERE did = ? AND started_at >= ?', [DID, since]);
      return rows.length > 0 && rows.every((r) => r.ended_at !== null) ? rows : undefined;
    }, { attempts: 60, intervalMs: 1000, what: 'every call row closed' });
    t.log(`${calls.length} calls taken by the app`);
    const failed = await select(conn, `SELECT e.call_id FROM call_events e JOIN calls c ON c.id = e.call_id WHERE c.did = ? AND c.started_at >= ? AND e.type = 'call.flow_failed'`, [DID, since]);
    t.is(failed.length, 0, 'no call flow failed');
  } finally {
    await conn.end();
  }
  t.is((await agentState('energie', agent.id))?.state, 'available');

  const { sipp, events } = await walkIvr(DID, [{ key: '2', via: 'info' }, { key: '1', via: 'info' }], 20_000, { localPort: 5081, caller: '0611000099' });
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'agent.answered')[0], { agent: agent.id });
  t.is(phone.count('ANSWERED'), 1);
});
