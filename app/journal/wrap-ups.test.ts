// Which calls a batch summarises: a call whose end is written while its agent wraps it up waits
// for the wrap-up end, once; without the ACD's entries (or seen in another order) a call is
// summarised at its end as before; a refused batch changes nothing; a wait has a limit.
import test from 'ava';
import type { JournalEntry } from './entries.js';
import { MAX_WAIT_MS, WrapUpWaits } from './wrap-ups.js';

const T0 = Date.parse('2026-03-30T08:00:00Z');
let ids = 0;
const event = (callId: string, type: string, ms: number, agent?: string): JournalEntry =>
  ({ kind: 'event', event: { id: `e${++ids}`, callId, tenant: 'habitat', type, at: new Date(T0 + ms), seq: ids, data: agent ? { agent } : {} } });
const state = (agent: string, from: string, to: string, ms: number): JournalEntry =>
  ({ kind: 'agent-event', event: { id: `a${++ids}`, tenant: 'habitat', agentId: agent, type: 'agent.state', at: new Date(T0 + ms), data: { agent, from, to } } });
const ended = (callId: string, ms: number): JournalEntry => ({ kind: 'call-update', callId, update: { endedAt: new Date(T0 + ms) } });

/** Plans and commits each batch; returns the calls each one summarised. */
function run(waits: WrapUpWaits, ...batches: JournalEntry[][]): string[][] {
  return batches.map((b) => {
    const plan = waits.plan(b);
    plan.commit();
    return plan.calls;
  });
}

test('given an agent wrapping up the call, when its end and later the wrap-up end are written, then the call is summarised once, at the wrap-up end', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits,
    [event('c1', 'agent.answered', 0, 'a1'), state('a1', 'ringing', 'on_call', 0)],
    [state('a1', 'on_call', 'wrap_up', 60_000), event('c1', 'call.hangup', 60_000), ended('c1', 60_000)],
    [event('c1', 'agent.wrapup_ended', 70_000, 'a1'), state('a1', 'wrap_up', 'available', 70_000)],
  ), [[], [], ['c1']]);
  t.deepEqual(waits.waitingCalls, []);
});

test('given the wrap-up end in the same batch as the end, then the call is summarised in that batch', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits, [
    event('c1', 'agent.answered', 0, 'a1'), state('a1', 'on_call', 'wrap_up', 1_000), event('c1', 'call.hangup', 1_000),
    event('c1', 'agent.wrapup_ended', 1_000, 'a1'), state('a1', 'wrap_up', 'available', 1_000),
  ]), [['c1']]);
});

test('given the agent leaving wrap-up without a wrap-up end on the call (it came too late for the ACD shell), then the call is summarised then', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits,
    [event('c1', 'agent.answered', 0, 'a1'), state('a1', 'on_call', 'wrap_up', 1_000), event('c1', 'call.hangup', 1_000)],
    [state('a1', 'wrap_up', 'paused', 900_000)],
  ), [[], ['c1']]);
});

test('given no ACD entries seen for the call (a process started since, or a test), when its end and its wrap-up end are written, then it is summarised at both, as before', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits,
    [event('c1', 'call.hangup', 1_000), ended('c1', 1_000)],
    [event('c1', 'agent.wrapup_ended', 30_000, 'a1')],
  ), [['c1'], ['c1']]);
});

test('given a call transferred from a1 to a2, when it ends while a2 wraps it up, then it waits for a2 only', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits,
    [event('c1', 'agent.answered', 0, 'a1'), event('c1', 'call.transferred', 5_000), state('a1', 'on_call', 'wrap_up', 5_000)],
    [event('c1', 'agent.wrapup_ended', 15_000, 'a1'), state('a1', 'wrap_up', 'available', 15_000)],
    [event('c1', 'agent.answered', 20_000, 'a2'), state('a2', 'on_call', 'wrap_up', 80_000), event('c1', 'call.hangup', 80_000)],
    [event('c1', 'agent.wrapup_ended', 90_000, 'a2')],
  ), [[], ['c1'], [], ['c1']]);
});

test('given a batch whose plan is not committed (the database refused it), then the next plan starts from the state before it', (t) => {
  const waits = new WrapUpWaits();
  run(waits, [event('c1', 'agent.answered', 0, 'a1')]);
  const refused = waits.plan([state('a1', 'on_call', 'wrap_up', 1_000), event('c1', 'call.hangup', 1_000)]);
  t.deepEqual(refused.calls, []);
  t.deepEqual([...refused.waiting], ['c1']);
  t.deepEqual(waits.waitingCalls, [], 'nothing waits until commit');
  t.deepEqual(run(waits, [event('c1', 'call.hangup', 1_000)]), [['c1']], 'a1 was never seen wrapping up');
});

test('given a wrap-up end that never comes, when later entries are past the limit, then the call is summarised', (t) => {
  const waits = new WrapUpWaits();
  t.deepEqual(run(waits,
    [event('c1', 'agent.answered', 0, 'a1'), state('a1', 'on_call', 'wrap_up', 1_000), event('c1', 'call.hangup', 1_000), ended('c1', 1_000)],
    [event('c2', 'call.arrived', 1_000 + MAX_WAIT_MS)],
    [event('c3', 'call.arrived', 2_000 + MAX_WAIT_MS)],
  ), [[], [], ['c1']]);
});
