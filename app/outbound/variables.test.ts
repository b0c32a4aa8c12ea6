// The ids of an outbound call's legs and the state kept on the agent's channel, read back.
import test from 'ava';
import { parseLegId } from '../call-contract/ids.js';
import { legIdFor, parseOutboundLegId } from './legs.js';
import { decodePlace, encodePlace, type OutboundPlace } from './variables.js';

const id = '7f3c0a52-2b1e-4c8e-9a51-0d6f1e2a3b4c';

test('given a call id, when its legs are named, then each name gives the call and side back, and no ACD leg is taken for one', (t) => {
  t.deepEqual(parseOutboundLegId(legIdFor('agent', id)), { kind: 'agent', callId: id });
  t.deepEqual(parseOutboundLegId(legIdFor('customer', id)), { kind: 'customer', callId: id });
  t.is(parseLegId(legIdFor('agent', id)), undefined, 'the ACD does not take it for one of its legs');
  for (const other of [`ag-${id}-1`, `oa-${id}-2`, `oa-${id}`, '1795335000.42', `ox-${id}-1`]) t.is(parseOutboundLegId(other), undefined, other);
});

test('given the state written on the agent\'s channel, when read back, then it is the same, and anything else reads as nothing', (t) => {
  const place: OutboundPlace = { callId: id, tenant: 'habitat', line: 'technique', did: '33170000001', agentId: 'a1', number: '0612345678', prior: { state: 'paused', reason: 'break' }, startedAt: 1_795_335_000_000 };
  t.deepEqual(decodePlace(encodePlace(place)), place);
  t.deepEqual(decodePlace(encodePlace({ ...place, prior: { state: 'available' } }))?.prior, { state: 'available' });
  for (const bad of [undefined, '', 'not json', '{}', JSON.stringify({ ...place, callId: 3 }), JSON.stringify({ ...place, startedAt: 'x' })]) t.is(decodePlace(bad), undefined, String(bad));
});
