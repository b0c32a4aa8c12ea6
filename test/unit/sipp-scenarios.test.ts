// The SIPp scenario the README uses for a call by hand is the generator's output, kept in sync.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { ivrCallerScenario } from '../support/sipp-ivr.js';

test('given the README scenario, when compared with the generator, then they are the same', (t) => {
  const committed = readFileSync(new URL('../sipp/uac-ivr-french-technical-expect-queue.xml', import.meta.url), 'utf8');
  t.is(committed, ivrCallerScenario([{ key: '2' }, { key: '1', via: 'info' }], 15_000));
});

test('given a key that DTMF does not have, when a scenario is written, then it is refused', (t) => {
  t.throws(() => ivrCallerScenario([{ key: 'A' }], 1000), { message: /not a DTMF key/ });
});
