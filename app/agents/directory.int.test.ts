// The agents' directory on a real MariaDB: logins and SIP user names are unique among agents not
// deleted, and a deleted agent's login goes to the next hire, with a new SIP password.
import anyTest, { type TestFn } from 'ava';
import { migrateUp } from '../../db/migrate.js';
import { initModels } from '../../db/models/index.js';
import { createScratchDb, type ScratchDb } from '../../db/test-support.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { AgentDirectory } from './directory.js';

const test = anyTest as TestFn<{ db: ScratchDb; directory: AgentDirectory; habitat: TenantRef; energie: TenantRef }>;

test.before(async (t) => {
  const db = await createScratchDb();
  await migrateUp(db.sequelize);
  const models = initModels(db.sequelize);
  const tenant = async (slug: string, country: 'FR' | 'MA') => {
    const row = await models.Tenant.create({ slug, name: slug, country, timezone: country === 'FR' ? 'Europe/Paris' : 'Africa/Casablanca', languages: ['fr'] });
    return { id: row.id, slug };
  };
  Object.assign(t.context, { db, directory: new AgentDirectory(models), habitat: await tenant('habitat', 'FR'), energie: await tenant('energie', 'MA') });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

const input = (login: string) => ({ login, name: `Agent ${login}`, skills: [{ name: 'line', value: 'technique', level: 5 }] });

test('given a live agent, when another is made with the same login in the tenant, then it is refused as taken; in another tenant it is made', async (t) => {
  const { directory, habitat, energie } = t.context;
  await directory.create(habitat, input('2001'));
  await t.throwsAsync(directory.create(habitat, input('2001')), { message: 'login 2001 is already used in this tenant' });
  const other = await directory.create(energie, input('2001'));
  t.is(other.agent.sipUsername, 'energie-2001');
});

test('given a deleted agent, when a new one is made with the same login, then it is made with a new password and only it is listed', async (t) => {
  const { directory, habitat } = t.context;
  const first = await directory.create(habitat, input('2002'));
  await directory.remove(habitat, first.agent.id);
  const second = await directory.create(habitat, input('2002'));
  t.not(second.agent.id, first.agent.id);
  t.is(second.agent.sipUsername, first.agent.sipUsername);
  t.not(second.sipPassword, first.sipPassword);
  t.not(second.agent.sipHa1, first.agent.sipHa1);
  const listed = (await directory.all()).filter((a) => a.login === '2002' && a.tenant === 'habitat');
  t.deepEqual(listed.map((a) => a.id), [second.agent.id]);
  // Deleted a second time and made a third time: any number of deleted rows may share it.
  await directory.remove(habitat, second.agent.id);
  const third = await directory.create(habitat, input('2002'));
  t.is(third.agent.login, '2002');
  await t.throwsAsync(directory.create(habitat, input('2002')), { message: /already used/ });
});
