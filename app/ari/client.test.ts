import test from 'ava';
import { buildRequest } from './client.js';
import { AriHttpError } from './errors.js';
import { operations } from './generated/ari.js';

test('given a play with an id, when built, then path, query and list parameters are placed as described', (t) => {
  const req = buildRequest(operations['bridges.playWithId'], { bridgeId: 'call-1', playbackId: 'pb/1', media: ['sound:a', 'sound:b'], lang: 'fr' });
  t.is(req.path, '/bridges/call-1/play/pb%2F1');
  t.is(req.query.get('media'), 'sound:a,sound:b');
  t.is(req.query.get('lang'), 'fr');
  t.is(req.body, undefined);
});

test('given channel variables for an originate, when built, then they go in the JSON body', (t) => {
  const req = buildRequest(operations['channels.originate'], { endpoint: 'PJSIP/1000', app: 'ccapp', variables: { CCAPP_CALL_ID: 'x' } });
  t.is(req.path, '/channels');
  t.deepEqual(JSON.parse(req.body ?? '{}'), { variables: { CCAPP_CALL_ID: 'x' } });
});

test('given a missing path parameter, when built, then it throws naming the parameter', (t) => {
  t.throws(() => buildRequest(operations['channels.answer'], {}), { message: /channelId/ });
});

test('given an event filter, when built, then the filter is the whole body, as Asterisk reads it', (t) => {
  const req = buildRequest(operations['applications.filter'], { applicationName: 'ccapp', filter: { allowed: [{ type: 'StasisStart' }] } });
  t.is(req.path, '/applications/ccapp/eventFilter');
  t.deepEqual(JSON.parse(req.body ?? '{}'), { allowed: [{ type: 'StasisStart' }] });
});

test('given ARI errors, when asked whether the channel is gone, then 404 and 409 "not in Stasis" are, other conflicts are not', (t) => {
  t.true(new AriHttpError('channels.playWithId', 404, 'Channel not found').isChannelGone);
  t.true(new AriHttpError('channels.playWithId', 409, 'Channel not in Stasis application').isChannelGone);
  t.false(new AriHttpError('channels.playWithId', 409, 'Channel is busy').isChannelGone);
  t.false(new AriHttpError('channels.playWithId', 500, 'Allocation failed').isChannelGone);
});
