// The agent panel built from the ACD shell's live state (the shell's own test bench: the real shell
// and core over the demo utility tenant, the journal in memory), with MariaDB's part played by a
// store in memory: the agent and its queues, a call ringing then talking, held and consulting,
// the wrap-up during the ACD's wrap-up and after it, callbacks, colleagues, click-to-calls.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { AgentRecord } from '../agents/directory.js';
import { AGENT, flush, shellFixture } from '../acd/shell/test-fixture.js';
import type { PanelOutboundCall } from './assemble.js';
import { LiveNotes } from './notes.js';
import { PanelService } from './service.js';
import type { StoredCall } from './store.js';
import type { IvrStep } from './types.js';

const COLLEAGUE: AgentRecord = { ...AGENT, id: '0b7e7d4e-1111-4222-8333-000000000102', login: '102', name: 'Agent 102', sipUsername: 'energie-102' };
const TENANT = { id: 7, slug: 'energie' };

async function bench(t: Parameters<typeof shellFixture>[0]) {
  const fx = await shellFixture(t);
  const notes = new LiveNotes();
  fx.journal.watch((entries) => notes.observe(entries));
  const asked: string[] = [];
  const store = {
    stored: new Map<string, IvrStep[]>(),
    saved: new Set<string>(),
    history: (tenantId: number, number: string, except: string): Promise<StoredCall[]> => {
      asked.push(`history ${tenantId} ${number} ${except}`);
      return Promise.resolve([{ callId: 'c-1', at: new Date('2026-12-01T09:00:00Z'), line: 'commercial', outcome: 'answered', agentName: 'Agent 102' }]);
    },
    ivrPath: (callId: string) => { asked.push(`ivr ${callId}`); return Promise.resolve(store.stored.get(callId) ?? []); },
    call: () => Promise.resolve({ line: 'technique' }),
    wrapupSaved: (callId: string) => { asked.push(`saved ${callId}`); return Promise.resolve(store.saved.has(callId)); },
  };
  const outbound: PanelOutboundCall[] = [];
  const panels = new PanelService({ acd: fx.acd, outbound: () => outbound, notes, store, tenants: [fx.tenant], now: () => Date.parse('2026-12-07T12:00:00Z') });
  /** The call's start and IVR events, as the call service and the IVR journal them (the bench's shell does not). */
  const ivr = (callId: string) => {
    fx.journal.append({ kind: 'call', call: { id: callId, tenant: 'energie', line: 'technique', did: '212520000001', direction: 'inbound', callerId: '0655000009', channelId: 'x', startedAt: new Date() } });
    const event = (type: string, data: Record<string, unknown>) => fx.journal.append({ kind: 'event', event: { id: randomUUID(), callId, tenant: 'energie', type, at: new Date(), seq: 0, data } });
    event('ivr.language', { language: 'fr', chosen: true, digit: '2' });
    event('ivr.calendar', { calendar: 'technique', open: false, reason: 'holiday', localTime: '' });
    event('ivr.menu', { step: 'choix', loop: 1 });
    event('ivr.key', { step: 'choix', digit: '1', attempt: 1 });
  };
  return { fx, panels, store, asked, outbound, ivr, build: () => panels.build(TENANT, AGENT.id) };
}

test('given an agent logged out, when its panel is built, then it shows its queues, lines, pause reasons and time zone, and no call', async (t) => {
  const { fx, build } = await bench(t);
  fx.enqueue('technique');
  fx.enqueue('commercial');
  const p = await build();
  t.like(p.agent, { id: AGENT.id, login: '101', name: 'Agent 101', state: 'logged_out', pauseReason: null, wrapupEndsAt: null, registered: true });
  t.deepEqual(p.queues.map((q) => [q.id, q.waiting]), [['technique', 1], ['entreprise', 0]], 'the queues its skills serve, not commercial');
  t.is(p.queues[0]?.label, fx.tenant.queues.find((q) => q.id === 'technique')?.label);
  t.is(p.queues[0]?.oldestWaitingSince, '2026-12-07T10:00:00.000Z');
  t.deepEqual(p.lines.map((l) => [l.id, l.did]), [['technique', '212520000001'], ['commercial', '212520000002'], ['entreprise', '212520000003']]);
  t.deepEqual(p.pauseReasons.map((r) => r.code), ['break', 'lunch', 'training', 'meeting', 'coaching', 'back_office']);
  t.is(p.timezone, 'Africa/Casablanca');
  t.is(p.call, null);
  t.is(p.wrapup, null);
  t.deepEqual(p.callReasons, []);
});

test('given a caller offered to the agent, when the panel is built, then the call rings with the caller, line, language, IVR path, queue and previous calls', async (t) => {
  const { fx, build, asked, ivr } = await bench(t);
  const { callId } = fx.enqueue('technique', '0655000009');
  ivr(callId);
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  const p = await build();
  t.is(p.agent.state, 'ringing');
  t.like(p.call, {
    id: callId, direction: 'inbound', state: 'ringing', callerNumber: '0655000009',
    line: { id: 'technique', label: 'Numéro principal (technique 24h/24)' }, did: '212520000001', language: 'fr',
    queue: { id: 'technique' }, queuedAt: '2026-12-07T10:00:00.000Z', waitedSeconds: null, answeredAt: null, recording: 'off', consult: null,
  });
  t.deepEqual(p.call?.ivrPath, [
    { kind: 'language', language: 'fr' },
    { kind: 'calendar', calendar: 'technique', decision: 'holiday' },
    { kind: 'key', menu: 'choix', key: '1' },
  ]);
  t.deepEqual(p.call?.history, [{ callId: 'c-1', at: '2026-12-01T09:00:00.000Z', line: 'Ligne commerciale', outcome: 'answered', agent: 'Agent 102' }]);
  t.deepEqual(p.callReasons.map((r) => r.code), ['panne', 'securite', 'releve'], 'the reasons of the call\'s line');
  t.false(asked.some((a) => a.startsWith('ivr')), 'the IVR path came from the journal\'s notes');
  await build();
  t.is(asked.filter((a) => a.startsWith('history')).length, 1, 'the history is read once per call');
  t.deepEqual(asked[0], `history 7 0655000009 ${callId}`);
});

test('given a call the notes did not see start (a restart), when the panel is built, then its IVR path comes from the store', async (t) => {
  const { fx, build, store, asked } = await bench(t);
  const { callId } = fx.enqueue('technique');
  store.stored.set(callId, [{ kind: 'language', language: 'ar' }]);
  fx.acd.command(AGENT.id, { type: 'login' });
  await flush();
  t.deepEqual((await build()).call?.ivrPath, [{ kind: 'language', language: 'ar' }]);
  t.true(asked.includes(`ivr ${callId}`));
});

test('given the agent talking, when it holds, consults and hangs up, then the call shows each state and the wrap-up follows until saved', async (t) => {
  const { fx, build, panels, store } = await bench(t);
  fx.acd.replaceAll([AGENT, COLLEAGUE]);
  fx.acd.registration(COLLEAGUE.id, true);
  fx.advance(5_000);
  const { callId, agentLeg } = await fx.talking('technique');
  let p = await build();
  t.like(p.call, { state: 'talking', answeredAt: '2026-12-07T10:00:05.000Z', waitedSeconds: 0 });
  t.deepEqual(p.colleagues, [{ id: COLLEAGUE.id, login: '102', name: 'Agent 102', state: 'logged_out', registered: true }]);

  t.is(fx.acd.hold(callId, true), 'ok');
  t.is((await build()).call?.state, 'held');
  t.is(fx.acd.hold(callId, false), 'ok');
  t.is(fx.acd.consult(callId, { kind: 'agent', agentId: COLLEAGUE.id }, { kind: 'api', role: 'agent', tenant: 'energie', agentId: AGENT.id, tokenId: null, userId: 1 }), 'ok');
  await flush();
  t.like((await build()).call, { state: 'consulting', consult: { target: '102', state: 'ringing' } });
  t.is(fx.acd.endConsult(callId, 'cancel'), 'ok');
  await flush();

  fx.gone(agentLeg);
  await flush();
  p = await build();
  t.is(p.call, null);
  t.is(p.agent.state, 'wrapup');
  t.is(p.agent.wrapupEndsAt, '2026-12-07T10:00:15.000Z');
  t.deepEqual(p.wrapup, { callId, endsAt: '2026-12-07T10:00:15.000Z', saved: false });
  t.deepEqual(p.callReasons.map((r) => r.code), ['panne', 'securite', 'releve']);

  fx.advance(10_000);
  p = await build();
  t.is(p.agent.state, 'available');
  t.deepEqual(p.wrapup, { callId, endsAt: null, saved: false }, 'after the wrap-up time, the form stays until saved');

  store.saved.add(callId);
  t.deepEqual((await build()).wrapup, { callId, endsAt: null, saved: false }, 'what the store said is kept');
  panels.wrapupWasSaved(callId);
  t.is((await build()).wrapup, null);
});

test('given a callback promised before a restart, when the agent is logged out, then the panel lists it apart from the callers waiting', async (t) => {
  const { fx, build } = await bench(t);
  const callId = randomUUID();
  fx.acd.adoptCallbacks([{
    callId, tenant: 'energie', line: 'technique', did: '212520000001', callerNumber: '', channelId: 'gone', startedAt: new Date('2026-12-07T09:00:00Z'),
    queue: 'technique', enteredAt: new Date('2026-12-07T09:01:00Z'), language: 'fr', number: '0612345678', attempts: 1,
  }]);
  const p = await build();
  t.deepEqual(p.callbacks, [{ callId, queue: 'technique', number: '0612345678', requestedAt: '2026-12-07T09:01:00.000Z', attempts: 1 }]);
  t.is(p.queues[0]?.waiting, 0);
});

test('given a click-to-call under way, when the panel is built, then it is the agent\'s outbound call', async (t) => {
  const { fx, build, outbound } = await bench(t);
  const session = { callId: randomUUID(), line: 'commercial', did: '212520000002', callerNumber: '0612345678', recording: undefined };
  outbound.push({ agentId: AGENT.id, session, progress: { stage: 'agent', answeredAt: null, optedOut: false, closed: false } });
  fx.acd.command(AGENT.id, { type: 'login' });
  fx.acd.command(AGENT.id, { type: 'pause', reason: 'outbound' });
  let p = await build();
  // The ACD's internal pause is not shown: the agent's phone rings for the call they asked for.
  t.like(p.agent, { state: 'ringing', pauseReason: null });
  t.like(p.call, { id: session.callId, direction: 'outbound', state: 'ringing', callerNumber: '0612345678', line: { id: 'commercial', label: 'Ligne commerciale' }, queue: null, ivrPath: [] });
  t.deepEqual(p.callReasons.map((r) => r.code), ['facture', 'demenagement', 'contrat', 'releve']);
  outbound[0] = { ...outbound[0]!, progress: { stage: 'talking', answeredAt: new Date('2026-12-07T10:01:00Z'), optedOut: true, closed: false } };
  p = await build();
  t.like(p.agent, { state: 'talking', pauseReason: null });
  t.like(p.call, { state: 'talking', answeredAt: '2026-12-07T10:01:00.000Z', recording: 'opted_out' });
});

test('given an agent the shell does not know, when its panel is asked for, then 404 agent.not_found', async (t) => {
  const { panels } = await bench(t);
  await t.throwsAsync(panels.build(TENANT, COLLEAGUE.id), { message: /no agent/ });
  await t.throwsAsync(panels.build({ id: 1, slug: 'habitat' }, AGENT.id), { message: /no agent/ });
});
