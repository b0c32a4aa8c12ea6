// A refused number as the API answers it: 422 `dialling.refused` with the rule, 429 for the caps.
import Hapi from '@hapi/hapi';
import test from 'ava';
import { pino } from 'pino';
import { errorsPlugin } from '../errors/plugin.js';
import { DiallingRefusedError } from './errors.js';

test('given refusals by the policy and by the caps, when answered, then 422 or 429 dialling.refused with the rule in the details', async (t) => {
  const server = Hapi.server();
  await server.register({ plugin: errorsPlugin, options: { log: pino({ level: 'silent' }) } });
  server.route({ method: 'GET', path: '/{rule}', handler: (r) => { throw new DiallingRefusedError(r.params.rule as 'emergency', '112', 'transfer'); } });
  await server.initialize();
  const ask = async (rule: string) => {
    const res = await server.inject(`/${rule}`);
    return { status: res.statusCode, body: JSON.parse(res.payload) as unknown };
  };
  t.like(await ask('emergency'), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'emergency', number: '112', purpose: 'transfer' } } } });
  t.like(await ask('premium'), { status: 422, body: { error: { id: 'dialling.refused', details: { rule: 'premium' } } } });
  t.like(await ask('tenant_limit'), { status: 429, body: { error: { id: 'dialling.refused', details: { rule: 'tenant_limit' } } } });
  t.like(await ask('agent_limit'), { status: 429, body: { error: { id: 'dialling.refused', details: { rule: 'agent_limit' } } } });
});
