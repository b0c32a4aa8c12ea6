// What the panel reads from and writes to MariaDB: a caller's previous calls in the tenant (the
// calls_tenant_caller index; the outcome from the call's KPI summary, the agent from its first
// agent.answered), a call's IVR path when the panel's notes do not have it, a call of the tenant
// (its line, who handled it) once it is no longer live, and the wrap-ups (call_wrapups).
import { QueryTypes, type Sequelize } from 'sequelize';
import { utcDateTime } from '../../db/connection.js';
import { ivrStep } from './notes.js';
import type { CallOutcome, IvrStep } from './types.js';

export const HISTORY_LENGTH = 10;

export interface StoredCall {
  callId: string;
  at: Date;
  /** The line's slug; null when the call's number is not one of the tenant's any more. */
  line: string | null;
  outcome: CallOutcome;
  agentName: string | null;
}

export interface Wrapup {
  callId: string;
  tenantId: number;
  family: string;
  nature: string;
  note: string;
  agentId: string | null;
  userId: number | null;
  tokenId: number | null;
  at: Date;
}

const OUTCOMES: Record<string, CallOutcome> = {
  answered: 'answered', abandoned: 'abandoned', immediate: 'abandoned', ivr: 'ivr', callback: 'callback', overflowed: 'overflowed',
};

const json = (v: unknown): Record<string, unknown> => {
  const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return typeof parsed === 'object' && parsed !== null ? parsed as Record<string, unknown> : {};
};
const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`));

export class PanelStore {
  constructor(private readonly sequelize: Sequelize) {}

  private select<R extends object>(sql: string, replacements: Record<string, unknown>): Promise<R[]> {
    return this.sequelize.query<R>(sql, { replacements, type: QueryTypes.SELECT });
  }

  /** The caller's last calls in the tenant, newest first, but `exceptCallId` (the call shown). */
  async history(tenantId: number, callerNumber: string, exceptCallId: string): Promise<StoredCall[]> {
    const rows = await this.select<{ callId: string; startedAt: Date | string; direction: string; line: string | null; outcome: string | null; agentId: string | null }>(`
      SELECT c.id AS callId, c.started_at AS startedAt, c.direction AS direction, l.slug AS line, f.outcome AS outcome,
        (SELECT JSON_VALUE(e.data, '$.agent') FROM call_events e WHERE e.call_id = c.id AND e.type = 'agent.answered' ORDER BY e.at, e.seq LIMIT 1) AS agentId
      FROM calls c
      LEFT JOIN \`lines\` l ON l.id = c.line_id
      LEFT JOIN call_facts f ON f.call_id = c.id AND f.kind = 'line' AND f.n = 0
      WHERE c.tenant_id = :tenantId AND c.caller_id = :callerNumber AND c.id <> :exceptCallId
      ORDER BY c.started_at DESC
      LIMIT ${HISTORY_LENGTH}`, { tenantId, callerNumber, exceptCallId });
    const ids = [...new Set(rows.flatMap((r) => (r.agentId ? [r.agentId] : [])))];
    const names = new Map(ids.length === 0 ? [] : (await this.select<{ id: string; name: string }>(
      'SELECT id, name FROM agents WHERE id IN (:ids)', { ids },
    )).map((a) => [a.id, a.name]));
    return rows.map((r) => ({
      callId: r.callId, at: date(r.startedAt), line: r.line,
      outcome: r.direction === 'outbound' ? 'outbound' : OUTCOMES[r.outcome ?? ''] ?? 'other',
      agentName: r.agentId ? names.get(r.agentId) ?? null : null,
    }));
  }

  /** The IVR path of a call as journalled. */
  async ivrPath(callId: string): Promise<IvrStep[]> {
    const rows = await this.select<{ type: string; data: unknown }>(
      `SELECT type, data FROM call_events WHERE call_id = :callId AND type IN ('ivr.language', 'ivr.key', 'ivr.calendar') ORDER BY at, seq`,
      { callId },
    );
    return rows.flatMap((r) => {
      const step = ivrStep(r.type, json(r.data));
      return step ? [step] : [];
    });
  }

  /** A call of the tenant (its line's slug, null if unknown); undefined when the tenant has no such call. */
  async call(tenantId: number, callId: string): Promise<{ line: string | null } | undefined> {
    const [row] = await this.select<{ line: string | null }>(
      'SELECT l.slug AS line FROM calls c LEFT JOIN `lines` l ON l.id = c.line_id WHERE c.id = :callId AND c.tenant_id = :tenantId',
      { callId, tenantId },
    );
    return row ? { line: row.line } : undefined;
  }

  /**
   * The agents who handled a call of the tenant: who answered it (queue calls and click-to-calls)
   * and the agents it was transferred to; undefined when the tenant has no such call.
   */
  async handledBy(tenantId: number, callId: string): Promise<string[] | undefined> {
    if (!(await this.call(tenantId, callId))) return undefined;
    const rows = await this.select<{ agent: string | null }>(`
      SELECT DISTINCT COALESCE(JSON_VALUE(data, '$.agent'), JSON_VALUE(data, '$.to.id')) AS agent FROM call_events
      WHERE call_id = :callId AND (type IN ('agent.answered', 'outbound.requested')
        OR (type = 'call.transferred' AND JSON_VALUE(data, '$.to.kind') = 'agent'))`, { callId });
    return rows.flatMap((r) => (r.agent ? [r.agent] : []));
  }

  /** Saves the call's wrap-up; a later save replaces it. */
  async saveWrapup(w: Wrapup): Promise<void> {
    await this.sequelize.query(`
      INSERT INTO call_wrapups (call_id, tenant_id, family, nature, note, agent_id, user_id, token_id, saved_at)
      VALUES (:callId, :tenantId, :family, :nature, :note, :agentId, :userId, :tokenId, :at)
      ON DUPLICATE KEY UPDATE family = VALUES(family), nature = VALUES(nature), note = VALUES(note),
        agent_id = VALUES(agent_id), user_id = VALUES(user_id), token_id = VALUES(token_id), saved_at = VALUES(saved_at)`,
    { replacements: { ...w, at: utcDateTime(w.at) } });
  }

  async wrapupSaved(callId: string): Promise<boolean> {
    const rows = await this.select<{ one: number }>('SELECT 1 AS one FROM call_wrapups WHERE call_id = :callId', { callId });
    return rows.length > 0;
  }
}

/** Who handled a call of a tenant once it is no longer live, for the call owner resolver (app/server/owners.ts). */
export function callsHandledBy(sequelize: Sequelize): (tenant: { id: number }, callId: string) => Promise<string[] | undefined> {
  const store = new PanelStore(sequelize);
  return (tenant, callId) => store.handledBy(tenant.id, callId);
}
