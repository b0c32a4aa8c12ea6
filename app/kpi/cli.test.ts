// `cli.js kpi rebuild` arguments: what is accepted, and every mistake named with the usage line,
// before any database is opened.
import test from 'ava';
import { KPI_USAGE, parseKpiArgs, runKpiCommand } from './cli.js';

const FROM = '2026-03-01T00:00:00+01:00', TO = '2026-04-01T00:00:00+02:00';

test('given a tenant and a period with offsets, when parsed, then the rebuild covers exactly that period', (t) => {
  t.deepEqual(parseKpiArgs(['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', TO]), {
    query: { tenant: 'habitat', from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z') },
  });
  t.deepEqual(parseKpiArgs(['rebuild', '--tenant=energie', '--from=2026-03-01T00:00Z', '--to=2026-03-01T00:15:30.5Z']), {
    query: { tenant: 'energie', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-01T00:15:30.500Z') },
  });
});

for (const [args, problem] of [
  [[], /a sub-command is required/],
  [['purge'], /unknown sub-command "purge"/],
  [['rebuild', '--from', FROM, '--to', TO], /--tenant is required/],
  [['rebuild', '--tenant', 'habitat', '--to', TO], /--from is required/],
  [['rebuild', '--tenant', 'habitat', '--from', '2026-03-01', '--to', TO], /--from must be an ISO 8601 date-time with its offset .*got "2026-03-01"/],
  [['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', '2026-04-01T00:00:00'], /--to must be an ISO 8601 date-time with its offset/],
  [['rebuild', '--tenant', 'habitat', '--from', '2026-02-30T00:00:00Z', '--to', TO], /--from must be an ISO 8601 date-time/],
  [['rebuild', '--tenant', 'habitat', '--from', 'yesterday', '--to', 'today'], /--from must be[^]*--to must be/],
  [['rebuild', '--tenant', 'habitat', '--from', TO, '--to', FROM], /--from must be before --to/],
  [['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', FROM], /--from must be before --to/],
  [['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', TO, '--force'], /Unknown option '--force'/],
  [['rebuild', '--tenant', 'habitat', '--from', FROM, '--to', TO, 'extra'], /extra/],
] as const) {
  test(`given "kpi ${args.join(' ')}", when run, then it exits 64 naming the problem and the usage, without opening the database`, async (t) => {
    const err: string[] = [];
    let opened = false;
    const status = await runKpiCommand(args, () => { opened = true; return Promise.resolve(0); }, { out: () => t.fail('no output expected'), err: (l) => err.push(l) });
    t.is(status, 64);
    t.false(opened);
    t.regex(err.join('\n'), problem);
    t.true(err.join('\n').endsWith(`usage: ${KPI_USAGE}`));
  });
}
