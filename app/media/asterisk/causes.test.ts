import test from 'ava';
import { RequestedCauses } from './causes.js';

test('given a hang-up request with a cause, when Asterisk destroys the channel with cause 0, then the request\'s cause is given', (t) => {
  const causes = new RequestedCauses();
  causes.requested('ch-1', undefined);
  causes.requested('ch-1', 16);
  t.deepEqual(causes.destroyed('ch-1', 0, 'Unknown'), { cause: 16, causeText: 'Normal Clearing' });
  t.deepEqual(causes.destroyed('ch-1', 0, 'Unknown'), { cause: 0, causeText: 'Unknown' }, 'forgotten once used');
});

test('given Asterisk\'s own cause, when destroyed, then it wins; memory stays bounded', (t) => {
  const causes = new RequestedCauses(2);
  causes.requested('a', 16);
  t.deepEqual(causes.destroyed('a', 17, 'User busy'), { cause: 17, causeText: 'User busy' });
  causes.requested('b', 16);
  causes.requested('c', 16);
  causes.requested('d', 16);
  t.deepEqual(causes.destroyed('b', 0, 'Unknown'), { cause: 0, causeText: 'Unknown' }, 'the oldest was let go');
  t.is(causes.destroyed('d', 0, 'Unknown').cause, 16);
});
