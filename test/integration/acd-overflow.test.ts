// Overflow after 90 s on the real appliance. The utility's commercial queue overflows to its
// technical queue (the call keeps its context and is answered there); its business queue
// overflows to the client's own number (212520000099) through the carrier trunk, which here is a
// SIPp UAS on the trunk's address, receiving the call id and context as SIP headers.
import test from 'ava';
import { connectPhone, createAgent, setState } from '../support/agents.js';
import { api, createToken } from '../support/api.js';
import { eventData, walkIvr } from '../support/calls.js';
import { startPhone } from '../support/phones.js';

const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const OVERFLOW_MS = 90_000;

test('given callers still waiting after 90 s, when their queue overflows, then one goes to the technical queue and is answered, the other to the client\'s number with its context', async (t) => {
  // The commercial line is open Mon-Sat 08:00-20:00: forced open for the test.
  const supervisor = await createToken('energie', 'supervisor', 'overflow test');
  const open = await api(supervisor, 'POST', '/api/tenants/energie/calendars/commercial/overrides', { mode: 'open', until: new Date(Date.now() + 10 * 60_000).toISOString(), reason: 'overflow test' });
  t.is(open.status, 201);
  t.teardown(async () => { await api(supervisor, 'DELETE', `/api/tenants/energie/calendars/commercial/overrides/${(open.body as { id: number }).id}`); });

  const technician = await createAgent(t, 'energie', TECHNICIAN);
  const agentPhone = await connectPhone('energie', technician, { kind: 'answer', ringMs: 200 });
  await setState('energie', technician, { action: 'login' });
  const clientSda = startPhone({ sipUsername: 'client-sda', sipPassword: '', ip: '127.0.0.2', port: 5060 }, { kind: 'answer', ringMs: 200 });
  t.teardown(() => clientSda.stop());

  const french = [{ key: '2', via: 'info' as const }];
  const [commercial, business] = await Promise.all([
    walkIvr('212520000002', french, OVERFLOW_MS + 25_000, { localPort: 5091, caller: '0633000001' }),
    walkIvr('212520000003', french, OVERFLOW_MS + 25_000, { localPort: 5092, caller: '0633000002' }),
  ]);

  t.is(commercial.sipp.code, 0, commercial.sipp.stdout.slice(-2000));
  const overflowed = eventData(commercial.events, 'queue.overflowed')[0];
  t.like(overflowed, { queue: 'commercial', target: { kind: 'queue', id: 'technique' } });
  t.true(typeof overflowed?.waitMs === 'number' && overflowed.waitMs >= OVERFLOW_MS, `overflowed after ${String(overflowed?.waitMs)} ms`);
  t.deepEqual(eventData(commercial.events, 'queue.entered').map((d) => [d.queue, d.overflowFrom ?? null]), [['commercial', null], ['technique', 'commercial']]);
  t.like(eventData(commercial.events, 'queue.entered')[1], { choices: ['langue:2'] });
  t.like(eventData(commercial.events, 'agent.answered')[0], { queue: 'technique', agent: technician.id });
  t.is(agentPhone.count('ANSWERED'), 1);

  t.is(business.sipp.code, 0, business.sipp.stdout.slice(-2000));
  t.like(eventData(business.events, 'queue.overflowed')[0], { queue: 'entreprise', target: { kind: 'number', id: '212520000099' } });
  t.is(eventData(business.events, 'overflow.answered').length, 1);
  const invite = clientSda.lines().find((l) => l.what === 'INVITE');
  t.is(invite?.extra[0], business.call?.id, 'the client\'s number receives our call id');
  t.regex(invite?.extra[1] ?? '', /callerId=0633000002/, 'and the call\'s context');
  t.like(eventData(business.events, 'call.hangup')[0], { by: 'caller' });
});
