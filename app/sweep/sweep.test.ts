// The sweep against a media core that lists what the test says Asterisk holds: an object of ours
// that nothing owns goes at the second sweep in a row, owned ones and channels outside our
// application stay, and a failed hang-up is logged, not thrown.
import test from 'ava';
import { createLogger } from '../log/logger.js';
import { channelInfo, RecordingMedia } from '../media/test-support.js';
import { inOurApp, type Owner, Sweeper } from './sweep.js';

const CALL = '11111111-2222-4333-8444-555555555555';
const OTHER = '99999999-2222-4333-8444-555555555555';

function fixture(owned: Set<string>) {
  const media = new RecordingMedia('/tmp');
  const owner: Owner = { name: 'test', ownsChannel: (c) => owned.has(c.id), ownsBridge: (id) => owned.has(id) };
  const counted: string[] = [];
  const sweeper = new Sweeper(media, [owner], 'ccapp', createLogger('silent'), (k) => counted.push(k));
  return { media, sweeper, counted };
}

const inStasis = (id: string, data = 'ccapp,inbound,energie,technique,212520000001') => ({ ...channelInfo(id, 'Ring'), app: { name: 'Stasis', data } });

test('given channels and bridges nothing owns, when swept twice, then they are removed at the second sweep only; owned ones and foreign channels stay', async (t) => {
  const { media, sweeper, counted } = fixture(new Set([`ag-${CALL}-1`, `call-${CALL}`]));
  media.channels = [
    inStasis('1733.12'), // a caller whose StasisStart was never handled
    channelInfo(`ag-${CALL}-1`, 'Up'), // owned
    channelInfo(`sn-${OTHER}`, 'Up'), // a snoop of a call that is over
    channelInfo('PJSIP/energie-101-0000002a', 'Ring'), // not in our app: a phone dialling
    { ...channelInfo('1733.13', 'Up'), app: { name: 'Stasis', data: 'otherapp' } },
  ];
  media.bridges = [{ id: `call-${CALL}`, kind: 'mixing', channelIds: [] }, { id: `call-${OTHER}`, kind: 'mixing', channelIds: [] }, { id: 'someone-else', kind: 'mixing', channelIds: [] }];
  const first = await sweeper.sweep();
  t.deepEqual([first.hungUp, first.destroyed], [[], []], 'a grace of one interval');
  const second = await sweeper.sweep();
  t.deepEqual(second.hungUp.sort(), ['1733.12', `sn-${OTHER}`].sort());
  t.deepEqual(second.destroyed, [`call-${OTHER}`]);
  t.deepEqual(counted.sort(), ['bridge', 'channel', 'channel']);
  t.true(media.ops.includes('hangup 1733.12 normal'));
  t.false(media.ops.some((o) => o.includes('PJSIP/energie') || o.includes('1733.13')));
});

test('given a channel unowned once and then owned, when swept, then it is never hung up', async (t) => {
  const owned = new Set<string>();
  const { media, sweeper } = fixture(owned);
  media.channels = [inStasis('1733.20')];
  await sweeper.sweep();
  owned.add('1733.20');
  await sweeper.sweep();
  owned.delete('1733.20');
  const r = await sweeper.sweep();
  t.deepEqual(r.hungUp, [], 'suspected again, not yet removed');
});

test('given Asterisk refusing a hang-up, when swept, then the sweep goes on', async (t) => {
  const { media, sweeper } = fixture(new Set());
  media.channels = [inStasis('1733.30'), inStasis('1733.31')];
  media.failing.add('hangup 1733.30 normal');
  await sweeper.sweep();
  const r = await sweeper.sweep();
  t.deepEqual(r.hungUp, ['1733.31']);
});

test('given channel locations, when asked whether in our app, then Stasis(ccapp,...) and our named channels are', (t) => {
  t.true(inOurApp(inStasis('x'), 'ccapp'));
  t.true(inOurApp({ ...channelInfo('x', 'Up'), app: { name: 'Stasis', data: 'ccapp' } }, 'ccapp'));
  t.false(inOurApp({ ...channelInfo('x', 'Up'), app: { name: 'Stasis', data: 'ccapp2,inbound' } }, 'ccapp'));
  t.true(inOurApp(channelInfo(`sn-${CALL}`, 'Up'), 'ccapp'));
  t.false(inOurApp(channelInfo('PJSIP/x', 'Up'), 'ccapp'));
});
