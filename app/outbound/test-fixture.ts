// The click-to-call's unit-test bench: the service over the ACD's real shell and core (two agents
// of the utility, the first logged in and registered) and the journal's real queue in memory;
// the media core records what is asked of Asterisk (test-support.ts) and the test plays
// Asterisk's events through the helpers here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { AcdShell } from '../acd/shell/shell.js';
import type { AgentDirectory, AgentRecord } from '../agents/directory.js';
import type { JournalEntry } from '../journal/entries.js';
import { CallJournal } from '../journal/journal.js';
import { createLogger } from '../log/logger.js';
import { legIdFor, type OutboundLegKind } from './legs.js';
import { callerLine } from './request.js';
import { OutboundService } from './service.js';
import { ManualTimers, RecordingMedia } from '../media/test-support.js';

export const TENANT = {
  slug: 'energie', country: 'MA', languages: ['fr'], recording: { policy: 'on', optOutKey: '*' }, queues: [],
  dialling: { allowedCountryCodes: ['212', '33'], allowedPrefixes: [], blockedPrefixes: [], minDigits: 8, maxDigits: 15, maxConcurrentOutbound: 2, maxConcurrentOutboundPerAgent: 1 },
  lines: [{ id: 'technique', label: 't', flow: 'main' }, { id: 'commercial', label: 'c', flow: 'main' }],
  numbers: [{ did: '212520000001', line: 'technique' }, { did: '212520000002', line: 'commercial' }],
} as unknown as Tenant;
const agentRecord = (login: string): AgentRecord => ({
  id: `0b7e7d4e-1111-4222-8333-000000000${login}`, tenant: 'energie', login, name: `Agent ${login}`, sipUsername: `energie-${login}`, sipHa1: 'x', skills: [], presence: 'logged_out', pauseReason: null,
});
export const AGENT = agentRecord('101');
/** A second agent, logged out unless a test changes it. */
export const COLLEAGUE = agentRecord('102');
export const NUMBER = '+33612345678';
/** Who asks, as a request's credentials name them. */
export const REQUESTER = { kind: 'api', role: 'agent', tenant: 'energie', agentId: AGENT.id, tokenId: 7, userId: null } as const;

export interface FixtureOptions {
  policy?: 'on' | 'off' | 'opt_out';
  /** The first agent's state before the call. */
  state?: 'available' | 'break' | 'logged_out';
}

export function outboundFixture(t: { teardown(fn: () => void): void }, opts: FixtureOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-outbound-'));
  const media = new RecordingMedia(dir);
  const written: JournalEntry[] = [];
  const journal = new CallJournal({ apply: (e) => { written.push(...e); return Promise.resolve(); } }, { warn: () => undefined, info: () => undefined, error: () => undefined });
  const log = createLogger('silent');
  const directory = { setPresence: () => Promise.resolve() } as unknown as AgentDirectory;
  const acd = new AcdShell({ media, journal, directory, log, tenants: [], prompt: () => 'sound:x', trunk: 'carrier-demo', startRecording: () => Promise.resolve(), recordingsDir: dir });
  t.teardown(() => acd.stop());
  acd.replaceAll([AGENT, COLLEAGUE]);
  acd.registration(AGENT.id, true);
  if (opts.state !== 'logged_out') acd.command(AGENT.id, { type: 'login' });
  if (opts.state === 'break') acd.command(AGENT.id, { type: 'pause', reason: 'break' });
  const timers = new ManualTimers();
  const tenants = [{ ...TENANT, recording: { policy: opts.policy ?? 'on', optOutKey: '*' } }] as Tenant[];
  const service = new OutboundService({ media, journal, log, acd, tenants, trunk: 'carrier-demo', recordingsDir: dir, after: timers.after });
  const call = (callId: string) => service.callOf(legIdFor('agent', callId));
  const gone = (kind: OutboundLegKind, callId: string, cause = 16, causeText = 'Normal Clearing') => service.handleMedia({ kind: 'channel.destroyed', channelId: legIdFor(kind, callId), cause, causeText });
  return {
    dir, media, journal, written, acd, timers, service, log, call, gone,
    place: (number = NUMBER) => service.place({ tenant: tenants[0] as Tenant, agent: AGENT, number, caller: callerLine(TENANT), requestedBy: REQUESTER }),
    state: (kind: OutboundLegKind, callId: string, value: string) => service.handleMedia({ kind: 'channel.state', channelId: legIdFor(kind, callId), state: value }),
    settled: async (callId: string) => { await call(callId)?.settled(); },
    /** Asterisk destroys these legs in turn (the first with `cause`); resolves once the call is closed and journalled. */
    async closeWith(callId: string, legs: readonly OutboundLegKind[], cause = 16, causeText = 'Normal Clearing'): Promise<void> {
      const closing = call(callId);
      legs.forEach((kind, i) => (i === 0 ? gone(kind, callId, cause, causeText) : gone(kind, callId)));
      await closing?.done;
      await journal.idle();
    },
    /** What the call's end wrote, and the first agent's state now. */
    outcome: () => ({ failed: data(written, 'outbound.failed'), hangup: data(written, 'call.hangup'), agent: acd.agentView(AGENT.id) }),
  };
}

export type OutboundFixture = ReturnType<typeof outboundFixture>;

export const events = (w: readonly JournalEntry[]) => w.flatMap((e) => (e.kind === 'event' ? [e.event] : []));
export const types = (w: readonly JournalEntry[]) => events(w).map((e) => e.type);
export const data = (w: readonly JournalEntry[], type: string) => events(w).find((e) => e.type === type)?.data;
export const agentStates = (w: readonly JournalEntry[]) => w.flatMap((e) => (e.kind === 'agent-event' && e.event.type === 'agent.state' ? [e.event.data ?? {}] : []));
