// Call history through the typed models on a real MariaDB: a call with its events and its
// recording round-trips (JSON, milliseconds, big sizes), and call events are written once.
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { ForeignKeyConstraintError, QueryTypes } from 'sequelize';
import { insertEventsIgnoringDuplicates, type CallEventRow } from './events.js';
import { migrateUp } from './migrate.js';
import { initModels, type Models } from './models/index.js';
import { createScratchDb, type ScratchDb } from './test-support.js';

const test = anyTest as TestFn<{ db: ScratchDb; m: Models; tenantId: number; numberId: number; lineId: number }>;

test.before(async (t) => {
  // A host clock away from UTC must not move stored times.
  process.env.TZ = 'Africa/Casablanca';
  t.context.db = await createScratchDb();
  await migrateUp(t.context.db.sequelize);
  const m = initModels(t.context.db.sequelize);
  const tenant = await m.Tenant.create({ slug: 'habitat', name: 'Habitat', country: 'FR', timezone: 'Europe/Paris', languages: ['fr'] });
  const line = await m.Line.create({ tenantId: tenant.id, slug: 'technique', label: 'Technique' });
  const number = await m.PhoneNumber.create({ tenantId: tenant.id, lineId: line.id, did: '33170000001' });
  Object.assign(t.context, { m, tenantId: tenant.id, lineId: line.id, numberId: number.id });
});
test.after.always(async (t) => {
  await t.context.db?.drop();
});

async function newCall(t: { context: { m: Models; tenantId: number; numberId: number; lineId: number } }, startedAt: Date) {
  const { m, tenantId, numberId, lineId } = t.context;
  return m.Call.create({
    id: randomUUID(), tenantId, numberId, lineId, direction: 'inbound', did: '33170000001',
    callerId: '33600000001', channelId: '1795335000.42', startedAt,
  });
}

test.serial('given a call with events and a recording, when read back on another connection, then every value is intact', async (t) => {
  const { db, m, tenantId } = t.context;
  const call = await newCall(t, new Date('2026-11-22T08:30:00.123Z'));
  await call.update({ answeredAt: new Date('2026-11-22T08:30:41.007Z') });
  const events: CallEventRow[] = [
    { id: randomUUID(), callId: call.id, tenantId, type: 'ivr.choice', at: new Date('2026-11-22T08:30:05.001Z'), data: { digit: '1', menu: 'welcome', lang: 'ar', prompt: 'مرحبا' } },
    { id: randomUUID(), callId: call.id, tenantId, type: 'queue.joined', at: new Date('2026-11-22T08:30:05.999Z'), data: { queue: 'technique', skills: ['fr', 'ar'], position: 3, vip: false, extra: null } },
    { id: randomUUID(), callId: call.id, tenantId, type: 'agent.answered', at: new Date('2026-11-22T08:30:41.007Z') },
  ];
  t.is(await insertEventsIgnoringDuplicates(m, events), 3);
  const recordingId = randomUUID();
  await m.Recording.create({
    id: recordingId, callId: call.id, tenantId, name: `rec-${call.id}`, path: `/var/spool/asterisk/recording/rec-${call.id}.wav`,
    format: 'wav', startedAt: new Date('2026-11-22T08:30:41.010Z'), durationMs: 95_250, sizeBytes: 5_000_000_123, sha256: 'ab'.repeat(32),
  });

  // When: a second connection (a restarted app) reads the call with its events and recording.
  const other = initModels(db.connect());
  const back = await other.Call.findByPk(call.id, {
    include: [{ model: other.CallEvent, as: 'events' }, { model: other.Recording, as: 'recordings' }],
    order: [[{ model: other.CallEvent, as: 'events' }, 'at', 'ASC']],
  });

  if (!back) return t.fail('call not found');
  t.is(back.startedAt.toISOString(), '2026-11-22T08:30:00.123Z');
  t.is(back.answeredAt?.toISOString(), '2026-11-22T08:30:41.007Z');
  t.is(back.endedAt, null);
  t.is(back.direction, 'inbound');
  t.deepEqual(back.events?.map((e) => [e.id, e.type, e.at.toISOString(), e.data]), events.map((e) => [e.id, e.type, e.at.toISOString(), e.data ?? null]));
  const [recording] = back.recordings ?? [];
  t.is(recording?.id, recordingId);
  t.is(recording?.sizeBytes, 5_000_000_123);
  t.is(recording?.durationMs, 95_250);
  t.is(recording?.startedAt.getUTCMilliseconds(), 10);
  // And the stored values themselves are UTC with milliseconds, whatever the host's zone.
  const [stored] = await db.sequelize.query<{ started: string }>(
    'SELECT CAST(started_at AS CHAR) AS started FROM calls WHERE id = ?', { replacements: [call.id], type: QueryTypes.SELECT },
  );
  t.is(stored?.started, '2026-11-22 08:30:00.123');
});

test.serial('given a call ending, when its hang-up is stored, then cause and reason come back typed', async (t) => {
  const { m } = t.context;
  const call = await newCall(t, new Date('2026-11-22T09:00:00.500Z'));

  await call.update({ endedAt: new Date('2026-11-22T09:02:30.250Z'), hangupCause: 16, hangupReason: 'normal clearing' });

  const back = await m.Call.findByPk(call.id);
  t.is(back?.hangupCause, 16);
  t.is(back?.hangupReason, 'normal clearing');
  t.is(back?.endedAt?.getTime(), Date.parse('2026-11-22T09:02:30.250Z'));
  t.is(await m.Call.count({ where: { channelId: '1795335000.42' } }), 2);
});

test.serial('given a stored event, when the same event id is written again, then one row remains, the first', async (t) => {
  const { m, tenantId } = t.context;
  const call = await newCall(t, new Date('2026-11-22T10:00:00.000Z'));
  const first: CallEventRow = { id: randomUUID(), callId: call.id, tenantId, type: 'queue.joined', at: new Date('2026-11-22T10:00:01.250Z'), data: { attempt: 1 } };
  t.is(await insertEventsIgnoringDuplicates(m, [first]), 1);

  // When: the writer retries, in a batch with a new event and a changed copy of the first.
  const second: CallEventRow = { ...first, id: randomUUID(), type: 'queue.left', at: new Date('2026-11-22T10:00:09.000Z') };
  const inserted = await insertEventsIgnoringDuplicates(m, [{ ...first, data: { attempt: 2 } }, second]);

  t.is(inserted, 1);
  t.is(await m.CallEvent.count({ where: { id: first.id } }), 1);
  t.deepEqual((await m.CallEvent.findByPk(first.id))?.data, { attempt: 1 });
  t.is(await m.CallEvent.count({ where: { callId: call.id } }), 2);
});

test.serial('given an event for a call that does not exist, when written, then it is refused, not silently dropped', async (t) => {
  const { m, tenantId } = t.context;
  const orphan: CallEventRow = { id: randomUUID(), callId: randomUUID(), tenantId, type: 'queue.joined', at: new Date() };

  await t.throwsAsync(insertEventsIgnoringDuplicates(m, [orphan]), { instanceOf: ForeignKeyConstraintError });

  t.is(await m.CallEvent.count({ where: { id: orphan.id } }), 0);
});
