// The ACD shell's unit-test bench for its dialling paths: the real shell and core over the demo
// utility tenant (its policy may be changed), a media core that records what is asked of Asterisk
// (app/outbound/test-support.ts) and the journal in memory; the test plays Asterisk's events
// (legs ringing, answering, hanging up, callers' keys) and the clock.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Tenant, TenantSchema } from '../../../pbx-config/schema/tenant.js';
import { demoJson } from '../../../pbx-config/testing/fixtures.js';
import type { AgentDirectory, AgentRecord } from '../../agents/directory.js';
import { CallSession } from '../../call-contract/session.js';
import type { DiallingPolicy } from '../../dialling/schema.js';
import { memoryJournal, written } from '../../dialling/test-support.js';
import { createLogger } from '../../log/logger.js';
import type { MediaTarget } from '../../media/types.js';
import { RecordingMedia } from '../../media/test-support.js';
import { AcdShell } from './shell.js';

export const AGENT: AgentRecord = {
  id: '0b7e7d4e-1111-4222-8333-000000000101', tenant: 'energie', login: '101', name: 'Agent 101', sipUsername: 'energie-101', sipHa1: 'x',
  skills: [{ name: 'line', value: 'technique', level: 5 }, { name: 'line', value: 'entreprise', level: 5 }, { name: 'language', value: 'fr', level: 5 }] as AgentRecord['skills'],
  presence: 'logged_out', pauseReason: null,
};
export const ADMIN = { kind: 'api' as const, role: 'tenant_admin', tenant: 'energie', agentId: null, tokenId: 3, userId: null };

/** Lets the shell's chains of actions (promises) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

export async function shellFixture(t: { teardown(fn: () => void): void }, dialling: Partial<DiallingPolicy> = {}) {
  const json = await demoJson('tenants/energie.json');
  const tenant: Tenant = TenantSchema.parse({ ...json, dialling: { ...(json.dialling as object), ...dialling } });
  const dir = mkdtempSync(join(tmpdir(), 'ccapp-acd-'));
  const media = new RecordingMedia(dir);
  /** The sounds each playback asked for, in order. */
  const plays: string[][] = [];
  const play = media.play.bind(media);
  Object.assign(media, { play: (target: MediaTarget, _id: string, uris: string[]) => { plays.push(uris); return play(target); } });
  const { journal, written: entries } = memoryJournal();
  let clock = Date.parse('2026-12-07T10:00:00Z');
  const directory = { setPresence: () => Promise.resolve(), all: () => Promise.resolve([AGENT]) } as unknown as AgentDirectory;
  const acd = new AcdShell({
    media, journal, directory, log: createLogger('silent'), tenants: [tenant], prompt: (_t, name) => `sound:${name}`, trunk: 'carrier-demo',
    startRecording: () => Promise.resolve(), recordingsDir: dir, now: () => clock,
  });
  t.teardown(() => acd.stop());
  acd.replaceAll([AGENT]);
  acd.registration(AGENT.id, true);

  const fx = {
    tenant, media, plays, journal, entries, acd,
    advance: (ms: number) => { clock += ms; acd.input({ type: 'tick' }); },
    /** A caller waiting in a queue of the tenant; returns the call's id and the caller's channel. */
    enqueue(queue: string, callerNumber = '0655000001'): { callId: string; channel: string } {
      const callId = randomUUID();
      const channel = `caller-${callId.slice(0, 8)}`;
      const session = new CallSession({ callId, tenant: 'energie', line: queue, did: '212520000001', channelId: channel, startedAt: new Date(clock), callerNumber }, journal);
      acd.enqueue({ session, tenant, language: 'fr', choices: [] }, queue);
      return { callId, channel };
    },
    /** The legs dialled so far, with their endpoints. */
    dials: () => media.dials.map((d) => ({ channelId: d.channelId, endpoint: d.endpoint })),
    state: (channelId: string, state: string) => acd.handleMedia({ kind: 'channel.state', channelId, state }),
    gone: (channelId: string) => acd.handleMedia({ kind: 'channel.destroyed', channelId, cause: 16, causeText: 'Normal Clearing' }),
    keys: async (channel: string, digits: string) => {
      for (const digit of digits) acd.handleMedia({ kind: 'dtmf', channelId: channel, digit, durationMs: 100 });
      await flush();
    },
    /** The agent logs in and answers the call offered: the caller and the agent talk. */
    async talking(queue = 'technique', callerNumber?: string): Promise<{ callId: string; channel: string; agentLeg: string }> {
      const call = fx.enqueue(queue, callerNumber);
      acd.command(AGENT.id, { type: 'login' });
      await flush();
      const agentLeg = fx.dials().find((d) => d.channelId.startsWith(`ag-${call.callId}`))?.channelId ?? '';
      fx.state(agentLeg, 'Up');
      await flush();
      return { ...call, agentLeg };
    },
    /** Events written so far of a type (on calls or agents), their data. */
    async events(type: string) {
      await journal.idle();
      return written(entries, type);
    },
    live: () => acd.dialling.limiter.liveFor('energie'),
  };
  return fx;
}
