// The dialling guard: the policy then the caps, a refusal logged with who asked and written on the
// call (or, with no call yet, among the agent's events), a grant holding a lease.
import test from 'ava';
import { DiallingGuard, type DialRequest } from './guard.js';
import { capturingLog, memoryJournal, written } from './test-support.js';

const ENERGIE = { slug: 'energie', country: 'MA' as const, dialling: { allowedCountryCodes: ['212', '33'], maxConcurrentOutbound: 2, maxConcurrentOutboundPerAgent: 1 } };
const ADMIN = { kind: 'api' as const, role: 'tenant_admin', tenant: 'energie', agentId: null, tokenId: 12, userId: null };

function bench() {
  const { journal, written: entries } = memoryJournal();
  const { log, lines } = capturingLog();
  const events: { type: string; data?: Record<string, unknown> }[] = [];
  const call = { callId: '5f0c8a52-2b1e-4c8e-9a51-0d6f1e2a3b4c', event: (type: string, data?: Record<string, unknown>) => { events.push({ type, ...(data ? { data } : {}) }); } };
  const guard = new DiallingGuard({ journal, log, now: () => Date.parse('2026-12-05T10:00:00Z') });
  const req = (over: Partial<DialRequest>): DialRequest => ({ tenant: ENERGIE, number: '0612345678', purpose: 'transfer', requestedBy: ADMIN, agentId: null, call, ...over });
  return { guard, journal, entries, lines, events, call, req };
}

test('given a number the policy allows, when authorised, then the trunk\'s digits and a lease come back, and nothing is logged', (t) => {
  const { guard, lines, events, req } = bench();
  const grant = guard.authorise(req({ number: '+33612345678' }));
  t.like(grant, { ok: true, dial: '33612345678' });
  t.is(guard.limiter.liveFor('energie'), 1);
  if (grant.ok) grant.lease.release();
  t.is(guard.limiter.liveFor('energie'), 0);
  t.deepEqual(events, []);
  t.deepEqual(lines, []);
});

test('given an emergency number on a call, when authorised, then it is refused, logged with who asked, and written on the call', (t) => {
  const { guard, lines, events, req } = bench();
  t.deepEqual(guard.authorise(req({ number: '15' })), { ok: false, rule: 'emergency' });
  t.deepEqual(events, [{ type: 'dialling.refused', data: { number: '15', rule: 'emergency', purpose: 'transfer', requestedBy: ADMIN } }]);
  t.like(lines[0], { msg: 'dialling refused', tenant: 'energie', callId: '5f0c8a52-2b1e-4c8e-9a51-0d6f1e2a3b4c', rule: 'emergency', requestedBy: ADMIN });
  t.is(guard.limiter.liveFor('energie'), 0, 'no lease taken');
});

test('given a click-to-call refused before its call exists, when authorised, then the refusal is among the agent\'s events', async (t) => {
  const { guard, journal, entries, req } = bench();
  const agent = { ...ADMIN, role: 'agent', agentId: 'a-101' };
  t.like(guard.authorise(req({ number: '0033899123456', purpose: 'click_to_call', requestedBy: agent, agentId: 'a-101', call: undefined })), { ok: false, rule: 'premium' });
  await journal.idle();
  t.deepEqual(written(entries, 'dialling.refused'), [{ kind: 'agent', agentId: 'a-101', data: { number: '0033899123456', rule: 'premium', purpose: 'click_to_call', requestedBy: agent } }]);
});

test('given the caps reached, when authorised, then agent_limit then tenant_limit, written like any refusal; released leases free the way', (t) => {
  const { guard, events, req } = bench();
  const first = guard.authorise(req({ agentId: 'a-101', purpose: 'consult' }));
  t.true(first.ok);
  t.deepEqual(guard.authorise(req({ agentId: 'a-101', purpose: 'consult' })), { ok: false, rule: 'agent_limit' });
  const second = guard.authorise(req({ agentId: null }));
  t.true(second.ok);
  t.deepEqual(guard.authorise(req({ agentId: 'a-102' })), { ok: false, rule: 'tenant_limit' });
  t.deepEqual(events.map((e) => e.data?.rule), ['agent_limit', 'tenant_limit']);
  if (first.ok) first.lease.release();
  t.true(guard.authorise(req({ agentId: 'a-102' })).ok);
});

test('given the callback dialogue, when a number is checked, then the policy answers without taking a lease', (t) => {
  const { guard, events, req } = bench();
  t.deepEqual(guard.check(req({ number: '0655000001', purpose: 'callback', requestedBy: { kind: 'caller' } })), { ok: true, dial: '0655000001' });
  t.deepEqual(guard.check(req({ number: '0891234567', purpose: 'callback', requestedBy: { kind: 'caller' } })), { ok: false, rule: 'premium' });
  t.is(guard.limiter.liveFor('energie'), 0);
  t.like(events[0]?.data, { purpose: 'callback', requestedBy: { kind: 'caller' } });
});

test('given a tenant without a dialling section (an old configuration object), when authorised, then its own country only, 10 legs at once', (t) => {
  const { guard, req } = bench();
  const bare = { slug: 'habitat', country: 'FR' as const };
  t.like(guard.authorise(req({ tenant: bare, number: '0612345678' })), { ok: true });
  t.like(guard.authorise(req({ tenant: bare, number: '+212612345678' })), { ok: false, rule: 'not_allowed_country' });
  for (let i = 1; i < 10; i++) t.true(guard.authorise(req({ tenant: bare })).ok);
  t.like(guard.authorise(req({ tenant: bare })), { ok: false, rule: 'tenant_limit' });
});
