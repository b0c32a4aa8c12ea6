// The call service's safety net, with a media core that fails the way Asterisk can.
import test from 'ava';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import type { JournalEntry } from '../journal/entries.js';
import { CallJournal } from '../journal/journal.js';
import { createLogger } from '../log/logger.js';
import type { ChannelInfo, MediaCore } from '../media/types.js';
import { createMetrics } from '../metrics/registry.js';
import { CallService } from './service.js';

const channel: ChannelInfo = { id: 'ch-1', name: 'PJSIP/carrier-demo-1', state: 'Ring', callerNumber: '0612345678', callerName: '', dialed: '212520000001', createdAt: '2026-11-22T09:00:00.000+0000' };
const tenant = { slug: 'energie', languages: ['fr'], lines: [{ id: 'technique', label: 't', flow: 'main' }], flows: {}, prompts: {}, calendars: {}, queues: [] } as unknown as Tenant;

function setup(answer: () => Promise<void>) {
  const written: JournalEntry[] = [];
  const journal = new CallJournal({ apply: (e) => { written.push(...e); return Promise.resolve(); } }, { warn: () => undefined, info: () => undefined, error: () => undefined });
  const hangups: { id: string; reason?: string }[] = [];
  const media = {
    watch: () => Promise.resolve(true),
    setVariable: () => Promise.resolve(),
    answer,
    hangup: (id: string, reason?: string) => { hangups.push({ id, ...(reason ? { reason } : {}) }); return Promise.resolve(); },
    stopRecording: (name: string) => Promise.resolve({ name, state: 'done' as const }),
    destroyBridge: () => Promise.resolve(),
  } as unknown as MediaCore;
  const gone: string[] = [];
  const queues = { enqueue: () => undefined, adopt: () => undefined, followsLeg: () => false, legsGoneExcept: () => undefined, callerGone: (id: string) => { gone.push(id); } };
  const calls = new CallService({ media, journal, log: createLogger('silent'), metrics: createMetrics(), tenants: [tenant], paths: { sounds: '/s', recordings: '/r' }, prompt: () => 'sound:x', decide: () => ({ open: true, reason: 'open', localTime: '' }), queues });
  return { calls, journal, written, hangups, gone };
}

const types = (w: JournalEntry[]): string[] => w.flatMap((e) => (e.kind === 'event' ? [e.event.type] : []));

test('given Asterisk refusing to answer, when a call enters, then the failure is logged as an event, the caller is released with congestion, and the call is closed on destruction', async (t) => {
  const { calls, journal, written, hangups, gone } = setup(() => Promise.reject(new Error('ARI channels.answer failed with HTTP 500')));
  await calls.onChannelEntered(channel, ['inbound', 'energie', 'technique', '212520000001']);
  t.deepEqual(hangups, [{ id: 'ch-1', reason: 'congestion' }]);
  await calls.onChannelDestroyed('ch-1', 34, 'Circuit/channel congestion');
  await journal.idle();
  t.deepEqual(types(written), ['call.arrived', 'call.flow_failed', 'call.hangup']);
  t.like(written.find((e) => e.kind === 'call-update'), { update: { hangupCause: 34 } });
  t.is(calls.activeCalls, 0);
  t.is(gone.length, 1, 'the queues hear the caller is gone');
});

test('given arguments no tenant owns, when a channel enters, then it is hung up as unallocated and no call is opened', async (t) => {
  const { calls, journal, written, hangups } = setup(() => Promise.resolve());
  await calls.onChannelEntered(channel, ['inbound', 'nobody', 'x', '1']);
  await journal.idle();
  t.deepEqual(hangups, [{ id: 'ch-1', reason: 'unallocated' }]);
  t.deepEqual(written, []);
});
