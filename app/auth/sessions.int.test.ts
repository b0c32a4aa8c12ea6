// Session lifetimes on a real MariaDB, with a clock the test moves: a session lives while used
// (its last use written at most every 30 s), ends after the idle time without use and after the
// absolute time whatever the use, and ends at once when its user is disabled or changed.
import anyTest, { type TestFn } from 'ava';
import { migrateUp } from '../../db/migrate.js';
import { initModels, type Models, type User } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import { SessionStore } from './sessions.js';

const test = anyTest as TestFn<{ db: ScratchDb; models: Models; store: SessionStore; user: User }>;
const MINUTE = 60_000;
const IDLE = 30 * MINUTE;
const ABSOLUTE = 12 * 60 * MINUTE;
const client = { address: '10.0.0.1', userAgent: 'test' };

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const tenant = await models.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const user = await models.User.create({ login: 'nadia', name: 'Nadia', role: 'supervisor', tenantId: tenant.id, passwordHash: 'x' });
  const store = new SessionStore(models, { idleMs: IDLE, absoluteMs: ABSOLUTE }, () => true);
  Object.assign(t.context, { db, models, store, user });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

const at = (t0: number, minutes: number) => new Date(t0 + minutes * MINUTE);

test.serial('given a session used every 29 minutes, when checked, then it lives; left 31 minutes after its last use, it ends as idle', async (t) => {
  const { store, user, models } = t.context;
  const t0 = Date.now();
  const { sid } = await store.open(user, 'complete', client, new Date(t0));
  for (const m of [29, 58, 87]) t.true((await store.check(sid, at(t0, m))).ok, `used at ${m} min`);
  t.deepEqual(await store.check(sid, at(t0, 87 + 31)), { ok: false, reason: 'idle' });
  t.deepEqual(await store.check(sid, at(t0, 87 + 32)), { ok: false, reason: 'idle' }, 'and stays ended');
  t.is((await models.UserSession.findOne({ where: { userId: user.id, endedReason: 'idle' } }))?.endedReason, 'idle');
});

test.serial('given a session used all day, when twelve hours have passed since login, then it ends as expired', async (t) => {
  const { store, user } = t.context;
  const t0 = Date.now();
  const { sid } = await store.open(user, 'complete', client, new Date(t0));
  for (let m = 20; m < 12 * 60; m += 20) t.true((await store.check(sid, at(t0, m))).ok, `used at ${m} min`);
  t.deepEqual(await store.check(sid, at(t0, 12 * 60 + 1)), { ok: false, reason: 'expired' });
});

test.serial('given open sessions, when the user is changed or disabled, then the next check ends them with that reason', async (t) => {
  const { store, user, models } = t.context;
  const t0 = Date.now();
  const first = await store.open(user, 'complete', client, new Date(t0));
  await models.User.update({ sessionEpoch: user.sessionEpoch + 1 }, { where: { id: user.id } });
  t.deepEqual(await store.check(first.sid, at(t0, 1)), { ok: false, reason: 'user_changed' });

  await user.reload();
  const second = await store.open(user, 'complete', client, at(t0, 2));
  t.true((await store.check(second.sid, at(t0, 3))).ok);
  await models.User.update({ disabledAt: at(t0, 4) }, { where: { id: user.id } });
  t.deepEqual(await store.check(second.sid, at(t0, 5)), { ok: false, reason: 'user_disabled' });
});

test.serial('given a session id that is malformed or unknown, when checked, then it is refused as unknown', async (t) => {
  const { store } = t.context;
  t.deepEqual(await store.check('short', new Date()), { ok: false, reason: 'unknown' });
  t.deepEqual(await store.check('A'.repeat(43), new Date()), { ok: false, reason: 'unknown' });
});
