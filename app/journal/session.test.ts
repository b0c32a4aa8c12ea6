// The per-connection session setup: READ COMMITTED sent once per connection, however often it is
// taken from the pool; a connection that cannot take it fails as a lost connection would
// (transient: the journal keeps the batch), never as the entries' fault.
import test from 'ava';
import type { Sequelize } from 'sequelize';
import { isTransientDbError } from './db-errors.js';
import { READ_COMMITTED_SESSION, readCommittedSessions } from './session.js';

type Hook = (connection: unknown) => Promise<void>;

/** Just enough of a Sequelize instance to collect its hooks. */
function fakeSequelize(): { sequelize: Sequelize; hooks: Hook[] } {
  const hooks: Hook[] = [];
  const sequelize = { addHook: (name: string, fn: Hook) => { if (name === 'afterPoolAcquire') hooks.push(fn); } } as unknown as Sequelize;
  return { sequelize, hooks };
}

const acquire = async (hooks: Hook[], connection: unknown): Promise<void> => {
  for (const hook of hooks) await hook(connection);
};

test('given a pool, when its connections are taken again and again, then each is set to READ COMMITTED once', async (t) => {
  const { sequelize, hooks } = fakeSequelize();
  readCommittedSessions(sequelize);
  readCommittedSessions(sequelize);
  t.is(hooks.length, 1, 'one hook per instance');
  const sent: string[][] = [[], []];
  const connections = sent.map((log) => ({ query: (sql: string) => { log.push(sql); return Promise.resolve(); } }));
  for (let i = 0; i < 3; i++) for (const c of connections) await acquire(hooks, c);
  t.deepEqual(sent, [[READ_COMMITTED_SESSION], [READ_COMMITTED_SESSION]]);
});

test('given a connection that fails the setup, then the error is a transient connection error and the setup is tried again next time', async (t) => {
  const { sequelize, hooks } = fakeSequelize();
  readCommittedSessions(sequelize);
  let fail = true;
  const connection = { query: () => (fail ? Promise.reject(new Error('socket closed')) : Promise.resolve()) };
  const err = await t.throwsAsync(acquire(hooks, connection));
  t.true(isTransientDbError(err));
  fail = false;
  await t.notThrowsAsync(acquire(hooks, connection));
});
