import test from 'ava';
import { createLogger } from '../log/logger.js';
import type { AgentRecord } from './directory.js';
import { PhoneSync } from './phone-sync.js';

const agent = (n: number, ha1 = `ha1-${n}`): AgentRecord => ({
  id: `id-${n}`, tenant: 'habitat', login: `10${n}`, name: `Agent ${n}`, sipUsername: `habitat-10${n}`, sipHa1: ha1,
  skills: [], presence: 'available', pauseReason: null,
});

/** A provisioner that records what Asterisk would be asked, answering one request at a time. */
function setup(agents: AgentRecord[]) {
  const calls: string[] = [];
  const registrations: [string, boolean][] = [];
  const phones = {
    upsert: async (a: { sipUsername: string }) => { calls.push(`upsert ${a.sipUsername}`); await Promise.resolve(); },
    remove: async (u: string) => { calls.push(`remove ${u}`); await Promise.resolve(); },
    followRegistration: async (u: string) => { calls.push(`follow ${u}`); await Promise.resolve(); },
    registered: async (u: string) => { await Promise.resolve(); return u.endsWith('1'); },
  };
  const sync = new PhoneSync({ phones, agents: () => agents, registered: (id, up) => registrations.push([id, up]), log: createLogger('silent') });
  return { sync, calls, registrations, phones };
}

test('given agents never pushed, when synced, then each phone is pushed, followed and its registration read once', async (t) => {
  const { sync, calls, registrations } = setup([agent(1), agent(2)]);
  await sync.sync();
  t.deepEqual(calls, ['upsert habitat-101', 'follow habitat-101', 'upsert habitat-102', 'follow habitat-102']);
  t.deepEqual(registrations, [['id-1', true], ['id-2', false]]);
  await sync.sync();
  t.is(calls.length, 4, 'nothing changed: nothing pushed');
});

test('given pushed phones, when an agent is added, one changes its password and one is removed, then only those are pushed or removed', async (t) => {
  const agents = [agent(1), agent(2), agent(3)];
  const { sync, calls } = setup(agents);
  await sync.sync();
  calls.length = 0;
  agents.splice(0, 3, agent(1), agent(2, 'new-ha1'), agent(4));
  await sync.sync();
  t.deepEqual(calls, ['remove habitat-103', 'upsert habitat-102', 'follow habitat-102', 'upsert habitat-104', 'follow habitat-104']);
});

test('given many syncs asked while one runs, when they settle, then they were folded into one more run that saw the last agents', async (t) => {
  const agents = [agent(1)];
  const { sync, calls } = setup(agents);
  const first = sync.sync();
  const later: Promise<void>[] = [];
  for (let n = 2; n <= 6; n++) {
    agents.push(agent(n));
    later.push(sync.sync());
  }
  await Promise.all([first, ...later]);
  t.is(calls.filter((c) => c.startsWith('upsert')).length, 6, 'each phone pushed once');
  t.deepEqual(calls.slice(0, 2), ['upsert habitat-101', 'follow habitat-101']);
});

test('given Asterisk reconnected, when forgotten and synced, then every phone is pushed again', async (t) => {
  const { sync, calls } = setup([agent(1), agent(2)]);
  await sync.sync();
  sync.forget();
  await sync.sync();
  t.is(calls.filter((c) => c === 'upsert habitat-101').length, 2);
  t.is(calls.filter((c) => c === 'upsert habitat-102').length, 2);
});

test('given a push that fails, when synced again, then the phone not pushed is tried again', async (t) => {
  const { sync, calls, phones } = setup([agent(1)]);
  let fail = true;
  const upsert = phones.upsert;
  phones.upsert = async (a) => {
    if (fail) throw new Error('ARI unreachable');
    await upsert(a);
  };
  await t.throwsAsync(sync.sync(), { message: 'ARI unreachable' });
  fail = false;
  await sync.sync();
  t.deepEqual(calls, ['upsert habitat-101', 'follow habitat-101']);
});
