// Restart safety on the real appliance: live state lives in Asterisk (bridge call-<id>, channel
// variables), history in MariaDB behind the journal's disk spool. The app killed mid-call keeps
// the caller and agent talking and takes the call back on restart; a call waiting in a queue
// keeps its place and its wait; MariaDB stopped during a call (and the app killed meanwhile)
// loses no event and writes none twice.
import test from 'ava';
import { connectPhone, createAgent, setState, agentState } from '../support/agents.js';
import { api } from '../support/api.js';
import { db, select, svc } from '../support/appliance.js';
import { callbackEnded, eventData, type EventRow, queuedCall, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { startPhone } from '../support/phones.js';

const DID = '212520000001';
const TECHNICIAN = [{ name: 'line', value: 'technique', level: 5 }, { name: 'language', value: 'fr', level: 5 }];
const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];

const ready = async (): Promise<boolean> => {
  try { return (await api(undefined, 'GET', '/ready')).status === 200; } catch { return false; }
};

async function restartApp(): Promise<void> {
  await svc('app', 'kill');
  await svc('app', 'start');
  await eventually(ready, { what: 'the app ready again' });
}

function once(t: import('ava').ExecutionContext, events: readonly EventRow[], types: readonly string[]): void {
  for (const type of types) t.is(events.filter((e) => e.type === type).length, 1, `${type} written once`);
}

test.serial('given a caller talking with an agent, when the app is killed and started again, then the talk goes on, the call is taken back and every event is written once', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  await setState('energie', agent, { action: 'login' });
  const since = new Date(Date.now() - 1000);
  const walk = walkIvr(DID, toTechnicalQueue, 30_000, { localPort: 5081, caller: '0622000001' });
  await eventually(async () => (await agentState('energie', agent.id))?.state === 'on_call', { what: 'the agent on the call', attempts: 600 });
  await restartApp();
  t.is(phone.count('BYE-RECEIVED'), 0, 'the agent is still talking after the restart');

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.true(events[0]!.at >= since);
  once(t, events, ['call.arrived', 'queue.entered', 'agent.offered', 'agent.answered', 'call.hangup', 'recording.started', 'recording.stopped']);
  t.like(eventData(events, 'call.reconciled')[0], { resumed: 'talk', queue: 'technique' });
  t.like(eventData(events, 'call.hangup')[0], { by: 'caller' });
  await eventually(() => Promise.resolve(phone.count('BYE-RECEIVED') === 1), { what: 'the agent\'s phone hung up with the caller' });
  t.is(phone.count('INVITE'), 1, 'the agent was rung once');
  await eventually(async () => (await agentState('energie', agent.id))?.state === 'available', { what: 'the agent free after wrap-up' });
});

test.serial('given a caller waiting in a queue, when the app restarts, then the call keeps its place and its wait and the next free agent takes it', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  const since = new Date(Date.now() - 1000);
  const walk = walkIvr(DID, toTechnicalQueue, 40_000, { localPort: 5082, caller: '0622000002' });
  await queuedCall('0622000002', since);
  await restartApp();
  await setState('energie', agent, { action: 'login' });

  const { sipp, events } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  once(t, events, ['queue.entered', 'agent.offered', 'agent.answered', 'call.hangup']);
  t.like(eventData(events, 'call.reconciled')[0], { resumed: 'queue' });
  const at = (type: string): number => events.find((e) => e.type === type)!.at.getTime();
  const answered = eventData(events, 'agent.answered')[0]!;
  t.like(answered, { agent: agent.id });
  t.is(answered.waitMs, at('agent.answered') - at('queue.entered'), 'the wait counts from the first entry, across the restart');
});

test.serial('given MariaDB stopped during a call and the app killed while it is down, when both come back, then every event of the call is in MariaDB exactly once', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const phone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  await setState('energie', agent, { action: 'login' });
  const since = new Date(Date.now() - 1000);
  const walk = walkIvr(DID, toTechnicalQueue, 25_000, { localPort: 5083, caller: '0622000003' });
  const callId = await queuedCall('0622000003', since);
  await svc('mariadb', 'stop');
  try {
    // The API needs MariaDB (tokens): the phone itself says it answered.
    await eventually(() => Promise.resolve(phone.count('ANSWERED') === 1), { what: 'the agent answering while MariaDB is down', attempts: 600 });
    await svc('app', 'kill'); // its unwritten entries are in the spool only
  } finally {
    await svc('mariadb', 'start');
  }
  await svc('app', 'start');
  await eventually(ready, { what: 'the app ready again' });
  const { sipp } = await walk;
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));

  const conn = await db();
  try {
    const rows = await eventually(async () => {
      const r = await select<EventRow & { id: string }>(conn, 'SELECT id, type, at, data FROM call_events WHERE call_id = ? ORDER BY at, seq', [callId]);
      return r.some((e) => e.type === 'call.hangup') ? r : undefined;
    }, { what: 'the hang-up written', attempts: 600 });
    once(t, rows, ['call.arrived', 'call.answered', 'queue.entered', 'agent.offered', 'agent.ringing', 'agent.answered', 'call.hangup']);
    t.is(new Set(rows.map((r) => r.id)).size, rows.length);
    const [call] = await select<{ ended_at: Date | null; answered_at: Date | null }>(conn, 'SELECT ended_at, answered_at FROM calls WHERE id = ?', [callId]);
    t.truthy(call?.ended_at);
    t.truthy(call?.answered_at);
  } finally {
    await conn.end();
  }
});

test.serial('given a caller who asked to be called back, when the app restarts before an agent is free, then the callback is still made', async (t) => {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const agentPhone = await connectPhone('energie', agent, { kind: 'answer', ringMs: 200 });
  const callersPhone = startPhone({ sipUsername: 'caller', sipPassword: '', ip: '127.0.0.2', port: 5060 }, { kind: 'answer', ringMs: 300, talkMs: 2_000 });
  t.teardown(() => callersPhone.stop());
  const keys = [...toTechnicalQueue, { key: '1', via: 'info' as const, afterMs: 10_000 }, { key: '1', via: 'info' as const, afterMs: 2_000 }];
  const first = await walkIvr(DID, keys, 30_000, { localPort: 5084, caller: '0622000004' });
  t.is(first.sipp.code, 0, first.sipp.stdout.slice(-2000));
  t.like(eventData(first.events, 'callback.requested')[0], { number: '0622000004' });

  await restartApp();
  await setState('energie', agent, { action: 'login' });
  const conn = await db();
  try {
    const events = await callbackEnded(conn, first.call?.id);
    once(t, events, ['callback.requested', 'callback.restored', 'callback.answered', 'callback.ended']);
    t.like(eventData(events, 'callback.restored')[0], { queue: 'technique', number: '0622000004', attempts: 0 });
    t.like(eventData(events, 'callback.result')[0], { answered: true, number: '0622000004', attempt: 1 });
  } finally {
    await conn.end();
  }
  t.is(agentPhone.count('ANSWERED'), 1);
  t.is(callersPhone.count('ANSWERED'), 1, 'the caller was called back after the restart');
});
