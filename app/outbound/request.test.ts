// A click-to-call request's body, the digits the trunk gets, and the line (with its DID) the
// customer sees.
import test from 'ava';
import type { Tenant } from '../../pbx-config/schema/tenant.js';
import { callerLine, PlaceCallBody } from './request.js';

const tenant = {
  slug: 'energie',
  lines: [{ id: 'technique' }, { id: 'commercial' }, { id: 'interne' }],
  numbers: [{ did: '212520000001', line: 'technique' }, { did: '212520000002', line: 'commercial' }, { did: '212520000009', line: 'commercial' }],
} as unknown as Pick<Tenant, 'slug' | 'lines' | 'numbers'>;

test('given national, international and short numbers, when parsed, then they are accepted: the dialling policy judges them next', (t) => {
  t.deepEqual(PlaceCallBody.parse({ number: '0612345678' }), { number: '0612345678' });
  t.deepEqual(PlaceCallBody.parse({ number: '+33612345678', line: 'commercial' }), { number: '+33612345678', line: 'commercial' });
  for (const number of ['112', '15', '+1234567890123456']) t.true(PlaceCallBody.safeParse({ number }).success, number);
});

test('given malformed requests, when parsed, then each is refused', (t) => {
  for (const body of [
    { number: '06 12 34 56 78' }, { number: '06-12' }, { number: '+123456789012345678901' }, { number: '++33612345678' },
    { number: '33612345678+' }, { number: 'abc' }, { number: '' }, { number: 612345678 }, {}, { number: '0612345678', line: '' },
    { number: '0612345678', extra: true }, null,
  ]) t.false(PlaceCallBody.safeParse(body).success, JSON.stringify(body));
});

test('given no line asked, when the caller line is chosen, then it is the tenant\'s first line with its first number', (t) => {
  t.deepEqual(callerLine(tenant), { line: 'technique', did: '212520000001' });
  t.deepEqual(callerLine(tenant, 'commercial'), { line: 'commercial', did: '212520000002' }, 'the line\'s first number');
});

test('given a line the tenant lacks or one no number reaches, when asked for, then a 400 names the problem', (t) => {
  t.like(t.throws(() => callerLine(tenant, 'nope')), { status: 400, id: 'outbound.unknown_line', details: { line: 'nope' } });
  t.like(t.throws(() => callerLine(tenant, 'interne')), { status: 400, id: 'outbound.line_without_number' });
  const firstLineWithoutNumber = { ...tenant, lines: [{ id: 'interne' }, ...tenant.lines] } as typeof tenant;
  t.deepEqual(callerLine(firstLineWithoutNumber), { line: 'technique', did: '212520000001' }, 'the default falls back to the line of the first number');
});
