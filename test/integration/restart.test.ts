// Restarts: the app killed and started again goes not-ready then ready and takes calls; Asterisk
// restarted under a running app makes it not ready until its event socket reconnects by itself.
import test from 'ava';
import { api } from '../support/api.js';
import { svc } from '../support/appliance.js';
import { reachedQueue, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';

const readyStatus = async (): Promise<number> => {
  try {
    return (await api(undefined, 'GET', '/ready')).status;
  } catch {
    return 0; // nothing listens: not ready either
  }
};

test('given a running app, when it is killed and started again, then /ready goes false then true and a new call is answered', async (t) => {
  t.is(await readyStatus(), 200);
  await svc('app', 'kill');
  t.not(await readyStatus(), 200);
  await svc('app', 'start');
  await eventually(async () => (await readyStatus()) === 200, { what: 'the app ready again' });
  const { sipp, events } = await walkIvr('212520000001', [{ key: '2' }, { key: '3' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.true(reachedQueue(events, 'entreprise'));
});

test('given a running app, when Asterisk restarts, then /ready is 503 naming ARI, then 200 after the app reconnects alone', async (t) => {
  await svc('asterisk', 'stop');
  const down = await eventually(async () => {
    const r = await api(undefined, 'GET', '/ready');
    return r.status === 503 ? r : undefined;
  }, { what: '/ready reporting ARI down' });
  t.like(down.body, { ready: false, checks: { ari: false, db: true } });
  await svc('asterisk', 'start');
  await eventually(async () => (await readyStatus()) === 200, { what: 'the app reconnected to ARI' });
  const { sipp, events } = await walkIvr('212520000003', [{ key: '1' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.true(reachedQueue(events, 'entreprise'));
});
