// The agent panel from what is live now, without I/O: the ACD shell's agents, calls, queues,
// consultations and holds, the click-to-calls under way, the tenant's configuration and the
// panel's notes from the journal. What only MariaDB knows (the caller's previous calls, an IVR
// path the notes lack, whether a wrap-up was saved, the line of a call no longer live) is left for
// service.ts to fill in, as `needs` says.
import { utcOffsetMinutes } from './utc-offset.js';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { queueLevel } from '../acd/core/selection.js';
import type { AgentStatus, CallView as CoreCallView } from '../acd/core/types.js';
import type { Consultations } from '../acd/shell/consult.js';
import { coreQueueId, localQueueId } from '../call-contract/ids.js';
import { queueConfigs } from '../acd/shell/queues.js';
import type { AcdShell } from '../acd/shell/shell.js';
import type { QueuedCall } from '../acd/shell/shell-types.js';
import type { CallSession } from '../call-contract/session.js';
import type { OutboundCall } from '../outbound/call.js';
import type { LiveNotes } from './notes.js';
import type { CallView, Panel, PanelAgentState } from './types.js';

/** What the panel reads of the ACD shell. */
export type PanelAcd = Pick<AcdShell, 'agent' | 'agentList' | 'agentView' | 'calls' | 'coreViews'> & { consults: Pick<Consultations, 'of'> };

/** What the panel reads of a click-to-call under way. */
export type PanelOutboundCall = Pick<OutboundCall, 'agentId' | 'progress'> & {
  session: Pick<CallSession, 'callId' | 'line' | 'did' | 'callerNumber' | 'recording'>;
};

export interface PanelSources {
  acd: PanelAcd;
  /** The click-to-calls under way. */
  outbound: () => readonly PanelOutboundCall[];
  notes: Pick<LiveNotes, 'callbackRequestedAt' | 'lastCall' | 'line'>;
}

/** A panel still to be completed from MariaDB. */
export interface PanelDraft {
  panel: Panel;
  needs: {
    /** The call shown: its IVR path (unless the notes have it) and the caller's previous calls. */
    call: { id: string; callerNumber: string | null; ivrPath: CallView['ivrPath'] | undefined } | null;
    /** The call to wrap up: whether it was saved (a `lingering` one saved is not shown), its line if not known here. */
    wrapup: { callId: string; line: string | undefined; lingering: boolean } | null;
  };
}

const STATES: Record<AgentStatus, PanelAgentState> = {
  logged_out: 'logged_out', available: 'available', paused: 'paused', ringing: 'ringing', on_call: 'talking', wrap_up: 'wrapup',
};
const LANGUAGES = ['fr', 'ar', 'en'] as const;
const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

const lineLabel = (tenant: Tenant, line: string): string => tenant.lines.find((l) => l.id === line)?.label ?? line;

/** The reasons agents choose from on the line (none for an unknown line). */
export function callReasonsOf(tenant: Tenant, line: string | undefined): Panel['callReasons'] {
  return tenant.lines.find((l) => l.id === line)?.callReasons ?? [];
}

function queueCall(src: PanelSources, tenant: Tenant, call: QueuedCall, ringing: boolean, now: number): CallView {
  const { session } = call;
  const { callId } = session;
  const core = src.acd.coreViews.call(callId);
  const consult = src.acd.consults.of(callId);
  const answeredAt = core?.connected?.answeredAt ?? null;
  const enteredAt = core?.enteredAt ?? null;
  const queue = call.queue ? localQueueId(call.queue) : null;
  return {
    id: callId, direction: 'inbound',
    state: ringing ? 'ringing' : consult ? 'consulting' : call.held ? 'held' : 'talking',
    callerNumber: call.callback?.number ?? (session.callerNumber || null),
    line: { id: session.line, label: lineLabel(tenant, session.line) }, did: session.did,
    language: LANGUAGES.find((l) => l === call.language) ?? null,
    ivrPath: [],
    queue: queue === null ? null : { id: queue, label: tenant.queues.find((q) => q.id === queue)?.label ?? queue },
    queuedAt: iso(enteredAt),
    waitedSeconds: answeredAt !== null && enteredAt !== null ? Math.max(0, Math.round((Math.min(answeredAt, now) - enteredAt) / 1000)) : null,
    answeredAt: iso(answeredAt),
    recording: call.recordingOptedOut ? 'opted_out' : session.recording ? 'recording' : 'off',
    consult: consult ? {
      target: consult.to.kind === 'agent' ? src.acd.agent(consult.to.agentId)?.login ?? consult.to.agentId : consult.to.number,
      state: consult.target.state === 'up' ? 'talking' : 'ringing',
    } : null,
    history: [],
  };
}

function outboundCall(tenant: Tenant, call: PanelOutboundCall): CallView {
  const { session, progress } = call;
  return {
    id: session.callId, direction: 'outbound',
    state: progress.stage === 'agent' ? 'ringing' : 'talking',
    callerNumber: session.callerNumber || null,
    line: { id: session.line, label: lineLabel(tenant, session.line) }, did: session.did,
    language: null, ivrPath: [], queue: null, queuedAt: null, waitedSeconds: null,
    answeredAt: progress.answeredAt?.toISOString() ?? null,
    recording: progress.optedOut ? 'opted_out' : session.recording ? 'recording' : 'off',
    consult: null, history: [],
  };
}

/** The tenant's queues the agent's skills let it serve: callers waiting, and callbacks promised. */
function queues(src: PanelSources, tenant: Tenant, agent: { id: string; skills: Parameters<typeof queueLevel>[1]['skills'] }, notes: PanelSources['notes']) {
  const served = queueConfigs([tenant]).filter((q) => queueLevel(q, { id: agent.id, tenant: tenant.slug, skills: agent.skills }) !== null);
  const rows: Panel['queues'] = [];
  const callbacks: Panel['callbacks'] = [];
  for (const q of served) {
    const id = localQueueId(q.id);
    const calls = src.acd.coreViews.queueCalls(coreQueueId(tenant.slug, id)).flatMap((c) => src.acd.coreViews.call(c) ?? []);
    const waiting = calls.filter((c) => c.callback === null);
    const oldest = waiting.reduce<number | null>((min, c) => (min === null || c.enteredAt < min ? c.enteredAt : min), null);
    rows.push({ id, label: tenant.queues.find((x) => x.id === id)?.label ?? id, waiting: waiting.length, oldestWaitingSince: iso(oldest) });
    for (const c of calls.filter((v): v is CoreCallView & { callback: NonNullable<CoreCallView['callback']> } => v.callback !== null && !v.callback.reached)) {
      callbacks.push({
        callId: c.callId, queue: id, number: c.callback.number, attempts: c.callback.attempts,
        requestedAt: (notes.callbackRequestedAt(c.callId) ?? new Date(c.enteredAt)).toISOString(),
      });
    }
  }
  return { rows, callbacks };
}

/** The agent's panel from live state; undefined when the shell does not know the agent. */
export function assemblePanel(src: PanelSources, tenant: Tenant, agentId: string, now: number): PanelDraft | undefined {
  const record = src.acd.agent(agentId);
  if (!record || record.tenant !== tenant.slug) return undefined;
  const view = src.acd.agentView(agentId);
  const state = view?.state ?? 'logged_out';

  const queued = (state === 'ringing' || state === 'on_call') && view?.call ? src.acd.calls.get(view.call) : undefined;
  const outbound = queued ? undefined : src.outbound().find((c) => c.agentId === agentId && !c.progress.closed);
  const call = queued ? queueCall(src, tenant, queued, state === 'ringing', now) : outbound ? outboundCall(tenant, outbound) : null;

  let wrapup: PanelDraft['needs']['wrapup'] = null;
  if (state === 'wrap_up' && view?.call) {
    wrapup = { callId: view.call, line: src.acd.calls.get(view.call)?.session.line ?? src.notes.line(view.call), lingering: false };
  } else if (!call && state !== 'logged_out') {
    // The agent's last call stays to be wrapped up (without a time limit) until saved or the next call.
    const last = src.notes.lastCall(agentId);
    const line = last ? src.acd.calls.get(last)?.session.line ?? src.notes.line(last) : undefined;
    if (last && (line === undefined || callReasonsOf(tenant, line).length > 0)) wrapup = { callId: last, line, lingering: true };
  }

  const { rows, callbacks } = queues(src, tenant, record, src.notes);
  const panel: Panel = {
    agent: {
      // The ACD keeps an agent on a click-to-call paused (so no queue call is offered): the agent
      // sees the call they are on, not an internal pause.
      id: record.id, login: record.login, name: record.name, state: outbound && call ? call.state === 'ringing' ? 'ringing' : 'talking' : STATES[state],
      pauseReason: state === 'paused' && !outbound ? view?.reason ?? null : null,
      wrapupEndsAt: state === 'wrap_up' ? iso(view?.wrapUpUntil) : null,
      registered: view?.registered ?? false,
    },
    pauseReasons: tenant.pauseReasons,
    queues: rows,
    call,
    wrapup: wrapup && { callId: wrapup.callId, endsAt: wrapup.lingering ? null : iso(view?.wrapUpUntil), saved: false },
    colleagues: [...src.acd.agentList()].filter((a) => a.tenant === tenant.slug && a.id !== agentId).map((a) => {
      const v = src.acd.agentView(a.id);
      return { id: a.id, login: a.login, name: a.name, state: STATES[v?.state ?? 'logged_out'], registered: v?.registered ?? false };
    }),
    callReasons: callReasonsOf(tenant, call?.line.id ?? wrapup?.line),
    callbacks,
    lines: tenant.lines.flatMap((l) => {
      const n = tenant.numbers.find((x) => x.line === l.id);
      return n ? [{ id: l.id, label: l.label, did: n.did }] : [];
    }),
    timezone: tenant.timezone,
    utcOffsetMinutes: utcOffsetMinutes(tenant.timezone, new Date(now)),
  };
  const needs: PanelDraft['needs'] = {
    call: call && { id: call.id, callerNumber: call.callerNumber, ivrPath: call.direction === 'outbound' ? [] : undefined },
    wrapup,
  };
  return { panel, needs };
}
