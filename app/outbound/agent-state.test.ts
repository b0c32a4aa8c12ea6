// Who may place a call, and what the agent is given back afterwards.
import test from 'ava';
import type { AgentView } from '../acd/core/types.js';
import { priorPresence, refusal, restoreCommand } from './agent-state.js';

const view = (over: Partial<AgentView>): AgentView => ({ id: 'a', state: 'available', reason: null, registered: true, idleSince: 0, since: 0, call: null, wrapUpUntil: null, pending: null, ...over });

test('given an available or paused agent with a registered phone, when they place a call, then nothing stands in the way', (t) => {
  t.is(refusal(view({}), false), undefined);
  t.is(refusal(view({ state: 'paused', reason: 'break' }), false), undefined);
});

test('given agents who are logged out, busy with a call, unreachable or already placing one, when they place a call, then each is refused with the reason', (t) => {
  t.is(refusal(undefined, false), 'the agent is not logged in');
  t.is(refusal(view({ state: 'logged_out' }), false), 'the agent is not logged in');
  t.is(refusal(view({ state: 'ringing', call: 'c' }), false), 'the agent\'s phone is ringing with a call');
  t.is(refusal(view({ state: 'on_call', call: 'c' }), false), 'the agent is on a call');
  t.is(refusal(view({ state: 'wrap_up', call: 'c' }), false), 'the agent is wrapping up a call');
  t.is(refusal(view({ registered: false }), false), 'the agent\'s phone is not registered');
  t.is(refusal(view({}), true), 'the agent is already placing a call');
});

test('given the agent\'s state before the call, when it ends, then an available agent is unpaused and a paused one paused again with their reason', (t) => {
  const during = { state: 'paused' as const, reason: 'outbound' };
  t.deepEqual(restoreCommand(priorPresence(view({})), during), { type: 'unpause' });
  t.deepEqual(restoreCommand(priorPresence(view({ state: 'paused', reason: 'lunch' })), during), { type: 'pause', reason: 'lunch' });
  t.deepEqual(priorPresence(view({ state: 'paused', reason: 'outbound' })), { state: 'available' }, 'a stale outbound pause is no reason to stay paused');
});

test('given someone changed the agent\'s state during the call, when it ends, then it is left as it is', (t) => {
  const prior = priorPresence(view({}));
  t.is(restoreCommand(prior, { state: 'logged_out', reason: null }), undefined);
  t.is(restoreCommand(prior, { state: 'paused', reason: 'lunch' }), undefined);
  t.is(restoreCommand(prior, { state: 'available', reason: null }), undefined);
  t.is(restoreCommand(prior, undefined), undefined);
});
