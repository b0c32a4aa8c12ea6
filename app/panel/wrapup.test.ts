// Saving a wrap-up: checked against the call's line (live in the ACD, or found in MariaDB once
// over), saved with who and when, written on the call's timeline without the note's text.
import test from 'ava';
import { AGENT, shellFixture } from '../acd/shell/test-fixture.js';
import type { Identity } from '../auth/credentials.js';
import { parseRequest } from '../errors/validation.js';
import type { Wrapup } from './store.js';
import { WrapupBody, WrapupService } from './wrapup.js';

const TENANT = { id: 7, slug: 'energie' };
const AGENT_SESSION: Identity = {
  kind: 'session', tokenId: null, userId: 12, sessionId: 3, tenantId: 7, tenant: 'energie', role: 'agent', agentId: AGENT.id,
  sessionStage: 'complete', actor: 'user 12 (a101)', scope: ['agent'],
};
const FINISHED = '7d1c6a52-0000-4000-8000-000000000001';

async function bench(t: Parameters<typeof shellFixture>[0]) {
  const fx = await shellFixture(t);
  const saved: Wrapup[] = [];
  const told: string[] = [];
  const store = {
    call: (tenantId: number, callId: string) => Promise.resolve(tenantId === 7 && callId === FINISHED ? { line: 'commercial' } : undefined),
    saveWrapup: (w: Wrapup) => { saved.push(w); return Promise.resolve(); },
  };
  const wrapups = new WrapupService({
    acd: fx.acd, outbound: () => [], store, journal: fx.journal, tenants: [fx.tenant],
    panels: { wrapupWasSaved: (id) => told.push(id) }, now: () => Date.parse('2026-12-07T10:05:00Z'),
  });
  return { fx, saved, told, wrapups };
}

test('given an agent on a call, when it saves the wrap-up, then the row holds the note and the call\'s event the codes only', async (t) => {
  const { fx, saved, told, wrapups } = await bench(t);
  const { callId } = await fx.talking('technique');
  const body = parseRequest(WrapupBody, { family: 'panne', nature: 'quartier', note: 'Le voisin du 3e aussi.' });
  t.like(await wrapups.save(TENANT, callId, body, AGENT_SESSION), { callId, family: 'panne', nature: 'quartier', savedAt: '2026-12-07T10:05:00.000Z' });
  t.like(saved[0], { callId, tenantId: 7, family: 'panne', nature: 'quartier', note: 'Le voisin du 3e aussi.', agentId: AGENT.id, userId: 12, tokenId: null });
  const events = (await fx.events('call.wrapup'));
  t.deepEqual(events.map((e) => [e.callId, e.data]), [[callId, { agent: AGENT.id, family: 'panne', nature: 'quartier', withNote: true, userId: 12, tokenId: null }]]);
  t.deepEqual(told, [callId]);
});

test('given a call over and gone from the ACD, when wrapped up, then its line comes from MariaDB and the event is written after the call\'s own', async (t) => {
  const { fx, wrapups, saved } = await bench(t);
  await wrapups.save(TENANT, FINISHED, { family: 'facture', nature: 'duplicata', note: '' }, AGENT_SESSION);
  t.is(saved.length, 1);
  await fx.journal.idle();
  const entry = fx.entries.find((e) => e.kind === 'event' && e.event.type === 'call.wrapup');
  t.like(entry, { kind: 'event', event: { callId: FINISHED, tenant: 'energie', seq: 1_000_001, data: { withNote: false } } });
});

test('given a reason of another line, an unknown call or a note too long, when saved, then 422, 404 and 400, and nothing is saved', async (t) => {
  const { fx, wrapups, saved } = await bench(t);
  const { callId } = await fx.talking('technique');
  await t.throwsAsync(wrapups.save(TENANT, callId, { family: 'facture', nature: 'duplicata', note: '' }, AGENT_SESSION), { instanceOf: Error, message: /not reasons of line "technique"/ });
  await t.throwsAsync(wrapups.save(TENANT, '7d1c6a52-0000-4000-8000-0000000000ff', { family: 'panne', nature: 'quartier', note: '' }, AGENT_SESSION), { message: /no call/ });
  await t.throwsAsync(wrapups.save({ id: 8, slug: 'habitat' }, callId, { family: 'panne', nature: 'quartier', note: '' }, AGENT_SESSION), { message: /no call/ }, 'another tenant\'s live call');
  t.like(t.throws(() => parseRequest(WrapupBody, { family: 'panne', nature: 'quartier', note: 'x'.repeat(2001) })), { id: 'request.invalid' });
  t.notThrows(() => parseRequest(WrapupBody, { family: 'panne', nature: 'quartier', note: 'x'.repeat(2000) }));
  t.is(saved.length, 0);
});
