import test from 'ava';
import { decodeQueuePlace, encodeQueuePlace } from './variables.js';

test('given a queue place, when written to the channel and read back, then it is the same; anything else reads as none', (t) => {
  const place = { queue: 'energie/technique', since: 1_795_000_000_000, language: 'fr', choices: ['langue:2', 'menu:1'] };
  t.deepEqual(decodeQueuePlace(encodeQueuePlace(place)), place);
  t.deepEqual(decodeQueuePlace(encodeQueuePlace({ ...place, language: null, choices: [] })), { ...place, language: null, choices: [] });
  for (const v of [undefined, '', 'energie/technique', '{"queue":1}', '{"queue":"q","since":"x","choices":[]}']) t.is(decodeQueuePlace(v), undefined, String(v));
});
