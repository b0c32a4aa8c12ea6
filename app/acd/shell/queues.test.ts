import test from 'ava';
import { demoTenants } from '../../../pbx-config/testing/fixtures.js';
import { coreQueueId, localQueueId } from '../../call-contract/ids.js';
import { localiseEventData, queueConfigs } from './queues.js';

test('given the demo tenants, when their queues are given to the core, then ids are per tenant and overflow targets follow', async (t) => {
  const queues = queueConfigs(await demoTenants());
  const ids = queues.map((q) => q.id);
  t.true(ids.includes('habitat/technique') && ids.includes('energie/technique'), 'the same local id in two tenants stays two queues');
  t.is(new Set(ids).size, ids.length);
  const commercial = queues.find((q) => q.id === 'energie/commercial');
  t.deepEqual(commercial?.overflowTarget, { kind: 'queue', id: 'energie/technique' });
  t.is(commercial?.overflowAfterMs, 90_000);
  t.deepEqual(queues.find((q) => q.id === 'energie/entreprise')?.overflowTarget, { kind: 'number', number: '212520000099' });
  t.like(queues.find((q) => q.id === 'habitat/technique'), { serviceLevelMs: 40_000, tenant: 'habitat', line: 'technique', ringTimeoutMs: 15_000 });
});

test('given core events, when localised for the journal, then queue ids are the tenant\'s own again', (t) => {
  t.is(localQueueId(coreQueueId('energie', 'technique')), 'technique');
  t.deepEqual(localiseEventData({ queue: 'energie/technique', overflowFrom: 'energie/commercial', target: { kind: 'queue', id: 'energie/technique' }, agent: 'a' }),
    { queue: 'technique', overflowFrom: 'commercial', target: { kind: 'queue', id: 'technique' }, agent: 'a' });
  t.deepEqual(localiseEventData({ target: { kind: 'number', id: '212520000099' } }), { target: { kind: 'number', id: '212520000099' } });
});
