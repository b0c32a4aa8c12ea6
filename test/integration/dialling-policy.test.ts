// The tenants' dialling policy on the real appliance: a caller asking to be called back at an
// international premium number hears it refused and gives another, and nothing reaches the carrier
// trunk's far end (a SIPp UAS on the trunk's address) until the allowed number is called back; a
// transfer by API to an emergency number is refused with 422 while the call goes on with the
// agent, and every refusal is in MariaDB with who asked.
import { readFile } from 'node:fs/promises';
import test from 'ava';
import { callWithAgent } from '../support/agent-call.js';
import { adminToken, agentToken, connectPhone, createAgent, setState } from '../support/agents.js';
import { api } from '../support/api.js';
import { ari, db, inRoot, select } from '../support/appliance.js';
import { callbackEnded, eventData, type EventRow, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { startIdentityPhone, TRUNK_FAR_END } from '../support/identity-phone.js';

const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const info = (key: string, afterMs = 250) => ({ key, via: 'info' as const, afterMs });
const type = (digits: string, firstAfterMs = 250) => [...digits].map((key, i) => info(key, i === 0 ? firstAfterMs : 250));

/** The app's log lines (JSON) about a call. */
async function appLog(callId: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(inRoot('/var/log/ccapp/app.log'), 'utf8');
  return text.split('\n').filter((l) => l.includes(callId)).flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

test('given a withheld caller waiting in the utility\'s queue, when they ask to be called back at an international premium number, then they hear it refused and are asked again, nothing reaches the trunk, and the allowed number is called back', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  const farEnd = startIdentityPhone(TRUNK_FAR_END, { kind: 'answer', ringMs: 300, talkMs: 2_000 });
  t.teardown(() => farEnd.stop());

  // French, technical, the callback key about 10 s later in the queue; a French premium number
  // (0033 8 99...), then, once the refusal has been said, a Moroccan mobile, confirmed with 1.
  const keys = [info('2', 400), info('1', 400), info('1', 10_000), ...type('0033899123456#'), ...type('0655000003#', 4_000), info('1', 2_000)];
  const walk = await walkIvr('212520000001', keys, 30_000, { localPort: 5131, caller: 'anonymous' });
  t.is(walk.sipp.code, 0, walk.sipp.stdout.slice(-2000));
  const callId = walk.call?.id ?? '';
  t.deepEqual(eventData(walk.events, 'callback.dialogue_started'), [{ numberKnown: false }]);
  t.deepEqual(eventData(walk.events, 'dialling.refused'), [{ number: '0033899123456', rule: 'premium', purpose: 'callback', requestedBy: { kind: 'caller' } }]);
  t.like(eventData(walk.events, 'callback.requested')[0], { queue: 'technique', number: '0655000003' });
  const types = walk.events.map((e) => e.type);
  t.true(types.indexOf('dialling.refused') < types.indexOf('callback.requested'), 'asked again after the refusal, in the same call');
  t.like(eventData(walk.events, 'call.hangup')[0], { by: 'app' });
  t.is(farEnd.count('INVITE'), 0, 'no INVITE reached the trunk\'s far end');
  // The refusal was said (its prompt played without error) and logged with who asked.
  const log = await eventually(async () => {
    const lines = await appLog(callId);
    return lines.some((l) => l.msg === 'dialling refused') ? lines : undefined;
  }, { what: 'the refusal in the app\'s log' });
  t.like(log.find((l) => l.msg === 'dialling refused'), { tenant: 'energie', rule: 'premium', purpose: 'callback', requestedBy: { kind: 'caller' } });
  t.false(log.some((l) => l.msg === 'callback prompt could not be played'), 'every prompt of the dialogue was played');

  await setState('energie', agent, { action: 'login' });
  const conn = await db();
  try {
    const events = await callbackEnded(conn, callId);
    t.like(eventData(events, 'callback.result')[0], { answered: true, number: '0655000003', attempt: 1 });
  } finally {
    await conn.end();
  }
  t.deepEqual(farEnd.invites().map((i) => i.requestUser), ['0655000003'], 'the trunk was only ever asked for the allowed number');
});

test('given a caller talking with an agent, when a transfer to an emergency number is asked by API, then 422 dialling.refused (emergency), the call goes on with the agent, nothing reaches the trunk, and MariaDB has the refusals', async (t) => {
  const farEnd = startIdentityPhone(TRUNK_FAR_END, { kind: 'answer', ringMs: 200 });
  t.teardown(() => farEnd.stop());
  const { agent, phone, callId, walk } = await callWithAgent(t, '0644000031', 5132, 20_000);
  const admin = await adminToken('energie');
  const own = await agentToken('energie', agent);

  const byAdmin = await api(admin, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { number: '112' });
  t.like(byAdmin, { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'emergency', number: '112', purpose: 'transfer' } } } }, JSON.stringify(byAdmin.body));
  t.like(await api(own, 'POST', `/api/tenants/energie/calls/${callId}/transfer`, { number: '15' }), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'emergency' } } } });
  t.like(await api(own, 'POST', `/api/tenants/energie/calls/${callId}/consult`, { number: '0033899123456' }), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'premium', purpose: 'consult' } } } });

  // Still connected: the caller and the agent's leg in the call's bridge, the agent's phone not hung up.
  const bridge = await ari<{ channels: string[] }>(`/bridges/call-${callId}`);
  t.is(bridge.channels.length, 2);
  t.true(bridge.channels.some((c) => c.startsWith('ag-')));
  t.is(phone.count('BYE-RECEIVED'), 0);

  const conn = await db();
  t.teardown(() => conn.end());
  const rows = await eventually(async () => {
    const r = await select<EventRow>(conn, 'SELECT type, at, data FROM call_events WHERE call_id = ? AND type = \'dialling.refused\' ORDER BY at, seq', [callId]);
    return r.length === 3 ? r : undefined;
  }, { what: 'the three refusals in call_events' });
  const data = eventData(rows, 'dialling.refused');
  t.like(data[0], { number: '112', rule: 'emergency', purpose: 'transfer', requestedBy: { kind: 'api', role: 'tenant_admin', tenant: 'energie', agentId: null } });
  t.like(data[1], { number: '15', rule: 'emergency', purpose: 'transfer', requestedBy: { kind: 'api', role: 'agent', tenant: 'energie', agentId: agent.id } });
  t.like(data[2], { number: '0033899123456', rule: 'premium', purpose: 'consult' });

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.is(eventData(events, 'call.transferred').length, 0);
  t.is(eventData(events, 'consult.started').length, 0);
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' }, 'the caller talked with the agent until they hung up');
  t.is(farEnd.count('INVITE'), 0, 'no INVITE reached the trunk\'s far end');
});
