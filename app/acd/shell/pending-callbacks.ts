// Callbacks promised but not yet made, read back from the journal's events when the app starts:
// a caller who asked to be called back has left the line, so nothing of their call lives in
// Asterisk, and the promise would otherwise die with the process. A callback is pending from its
// `callback.requested` until its conversation ends (`callback.ended`), the caller is reached
// (`callback.result` answered), or it is given up (`callback.failed`); requests older than a
// day are not restored (the caller has been called or given up on by a person by then).
import { QueryTypes, type Sequelize } from 'sequelize';

export interface PendingCallback {
  callId: string;
  tenant: string;
  line: string;
  did: string;
  callerNumber: string;
  channelId: string;
  startedAt: Date;
  /** The queue as the tenant names it, and when the call entered it last (its place). */
  queue: string;
  enteredAt: Date;
  language: string | null;
  number: string;
  /** Calls to the number already made without reaching the caller. */
  attempts: number;
}

const MAX_AGE_MS = 24 * 3_600_000;

interface Row {
  call_id: string; tenant: string; line: string | null; did: string; caller_id: string | null; channel_id: string; started_at: Date;
  requested: string | Record<string, unknown>; entered: string | Record<string, unknown> | null; entered_at: Date | null; attempts: number | bigint;
}

const json = (v: string | Record<string, unknown> | null): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) as Record<string, unknown> : v ?? {});

export async function pendingCallbacks(sequelize: Sequelize, now = Date.now()): Promise<PendingCallback[]> {
  const rows = await sequelize.query<Row>(`
    SELECT c.id AS call_id, t.slug AS tenant, l.slug AS line, c.did, c.caller_id, c.channel_id, c.started_at,
      r.data AS requested,
      (SELECT e.data FROM call_events e WHERE e.call_id = c.id AND e.type = 'queue.entered' ORDER BY e.at DESC, e.seq DESC LIMIT 1) AS entered,
      (SELECT MAX(e.at) FROM call_events e WHERE e.call_id = c.id AND e.type = 'queue.entered') AS entered_at,
      (SELECT COUNT(*) FROM call_events e WHERE e.call_id = c.id AND e.type = 'callback.result') AS attempts
    FROM call_events r
    JOIN calls c ON c.id = r.call_id
    JOIN tenants t ON t.id = c.tenant_id
    LEFT JOIN \`lines\` l ON l.id = c.line_id
    WHERE r.type = 'callback.requested' AND r.at >= ?
      AND NOT EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id
        AND (e.type IN ('callback.ended', 'callback.failed') OR (e.type = 'callback.result' AND JSON_VALUE(e.data, '$.answered') = 'true')))
    ORDER BY r.at`, { replacements: [new Date(now - MAX_AGE_MS)], type: QueryTypes.SELECT });
  return rows.flatMap((r) => {
    const requested = json(r.requested), entered = json(r.entered);
    if (typeof requested.queue !== 'string' || typeof requested.number !== 'string' || !r.entered_at) return [];
    return [{
      callId: r.call_id, tenant: r.tenant, line: r.line ?? '', did: r.did, callerNumber: r.caller_id ?? '', channelId: r.channel_id,
      startedAt: new Date(r.started_at), queue: requested.queue, enteredAt: new Date(r.entered_at),
      language: typeof entered.language === 'string' ? entered.language : null, number: requested.number, attempts: Number(r.attempts),
    }];
  });
}
