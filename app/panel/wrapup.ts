// The wrap-up of a call: its reason (a family and a nature of the line's callReasons, 422
// otherwise) and a note of up to 2,000 characters, saved during the call or after it (the agent's
// wrap-up, or later); a later save replaces the earlier one. The row (call_wrapups) holds the
// note, who saved it and when; the call's timeline gets `call.wrapup` with the codes, the agent,
// the user or token, and whether there is a note, but never the note's text: a note may hold
// personal data, which is kept in that one row only (to be read, corrected or erased there), not
// copied into the journal's append-only history that every report reads.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { Identity } from '../auth/credentials.js';
import type { TenantRef } from '../auth/tenant-access.js';
import type { CallSession } from '../call-contract/session.js';
import { NotFoundError, UnprocessableError } from '../errors/domain.js';
import type { CallJournal } from '../journal/journal.js';
import { isCallReason } from './reasons.js';
import type { PanelService } from './service.js';
import type { PanelStore } from './store.js';

export const NOTE_MAX = 2_000;
/** A late event's rank on a call whose session is gone: after anything the session wrote. */
const LATE_SEQ = 1_000_001;

export const WrapupBody = z.strictObject({
  family: z.string().min(1).max(64),
  nature: z.string().min(1).max(64),
  note: z.string().max(NOTE_MAX, `at most ${NOTE_MAX} characters`).default(''),
});
export type WrapupBody = z.infer<typeof WrapupBody>;

export interface WrapupDeps {
  acd: Pick<AcdShell, 'calls'>;
  /** The click-to-calls under way. */
  outbound: () => readonly { session: CallSession }[];
  store: Pick<PanelStore, 'call' | 'saveWrapup'>;
  journal: CallJournal;
  tenants: readonly Tenant[];
  panels: Pick<PanelService, 'wrapupWasSaved'>;
  now?: () => number;
}

/** Throws 422 `wrapup.unknown_reason` unless family and nature are the line's. */
export function assertWrapupReason(tenant: Tenant | undefined, line: string | null, body: Pick<WrapupBody, 'family' | 'nature'>): void {
  const reasons = tenant?.lines.find((l) => l.id === line)?.callReasons ?? [];
  if (!isCallReason(reasons, body.family, body.nature)) {
    throw new UnprocessableError('wrapup.unknown_reason', `family "${body.family}" and nature "${body.nature}" are not reasons of line "${line ?? '?'}"`, {
      family: body.family, nature: body.nature, line,
    });
  }
}

export class WrapupService {
  private readonly now: () => number;

  constructor(private readonly deps: WrapupDeps) {
    this.now = deps.now ?? Date.now;
  }

  async save(tenant: TenantRef, callId: string, body: WrapupBody, identity: Identity): Promise<{ callId: string; family: string; nature: string; savedAt: string }> {
    const live = this.liveSession(tenant, callId);
    const line = live?.line ?? (await this.deps.store.call(tenant.id, callId))?.line;
    if (line === undefined) throw new NotFoundError('call.not_found', `no call ${callId} in this tenant`, { callId });
    assertWrapupReason(this.deps.tenants.find((t) => t.slug === tenant.slug), line, body);
    const at = new Date(this.now());
    const agentId = identity.role === 'agent' ? identity.agentId : null;
    await this.deps.store.saveWrapup({
      callId, tenantId: tenant.id, family: body.family, nature: body.nature, note: body.note,
      agentId, userId: identity.userId, tokenId: identity.tokenId, at,
    });
    const data = { agent: agentId, family: body.family, nature: body.nature, withNote: body.note.trim() !== '', userId: identity.userId, tokenId: identity.tokenId };
    if (live) live.event('call.wrapup', data, at);
    else this.deps.journal.append({ kind: 'event', event: { id: randomUUID(), callId, tenant: tenant.slug, type: 'call.wrapup', at, seq: LATE_SEQ, data } });
    this.deps.panels.wrapupWasSaved(callId);
    return { callId, family: body.family, nature: body.nature, savedAt: at.toISOString() };
  }

  /** The session of the call while the ACD or click-to-call still holds it (its events keep their order). */
  private liveSession(tenant: TenantRef, callId: string): CallSession | undefined {
    const queued = this.deps.acd.calls.get(callId);
    if (queued) return queued.tenant.slug === tenant.slug ? queued.session : undefined;
    return this.deps.outbound().find((c) => c.session.callId === callId && c.session.tenant === tenant.slug)?.session;
  }
}
