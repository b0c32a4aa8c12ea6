// The calendar-driven branches of both demo flows, whatever the time the tests run: a
// supervisor's override opens or closes the line through the API, as they would for an
// unplanned closure. The calendars' own rules (hours, holidays, closures, time zones) are
// tested in ivr/calendar/.
import test from 'ava';
import { agentToken, createAgent } from '../support/agents.js';
import { api, createToken } from '../support/api.js';
import { eventData, walkIvr } from '../support/calls.js';

const tokens: Record<string, string> = {};
test.before(async () => {
  tokens.habitat = await createToken('habitat', 'supervisor');
  tokens.energie = await createToken('energie', 'supervisor');
});

async function force(tenant: 'habitat' | 'energie', calendar: string, mode: 'open' | 'closed', t: { teardown(fn: () => Promise<void>): void }): Promise<void> {
  const until = new Date(Date.now() + 15 * 60_000).toISOString();
  const res = await api(tokens[tenant], 'POST', `/api/tenants/${tenant}/calendars/${calendar}/overrides`, { mode, until, reason: 'integration test' });
  if (res.status !== 201) throw new Error(`override refused: ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body as { id: number }).id;
  t.teardown(async () => { await api(tokens[tenant], 'DELETE', `/api/tenants/${tenant}/calendars/${calendar}/overrides/${id}`); });
}

test('given the calendars API, when called without a token, with a bad one, for another tenant, as an agent or for an unknown tenant, then it refuses', async (t) => {
  t.is((await api(undefined, 'GET', '/api/tenants/habitat/calendars')).status, 401);
  t.is((await api('ccapp_notarealtoken', 'GET', '/api/tenants/habitat/calendars')).status, 401);
  t.is((await api(tokens.energie, 'GET', '/api/tenants/habitat/calendars')).status, 403);
  const agent = await agentToken('habitat', await createAgent(t, 'habitat', []));
  t.is((await api(agent, 'POST', '/api/tenants/habitat/calendars/ouverture/overrides', { mode: 'open', until: new Date(Date.now() + 60_000).toISOString(), reason: 'nope' })).status, 403);
  t.is((await api(tokens.habitat, 'GET', '/api/tenants/nobody/calendars')).status, 404);
  const bad = await api(tokens.habitat, 'POST', '/api/tenants/habitat/calendars/ouverture/overrides', { mode: 'ajar', until: 'tomorrow' });
  t.is(bad.status, 400);
  t.regex(JSON.stringify(bad.body), /mode/);
});

test('given the landlord line forced open, when a caller presses 1 (technical), then the call waits in the technical queue', async (t) => {
  await force('habitat', 'ouverture', 'open', t);
  const view = await api(tokens.habitat, 'GET', '/api/tenants/habitat/calendars');
  t.like((view.body as object[])[0], { id: 'ouverture', open: true, reason: 'override' });
  const { sipp, events } = await walkIvr('33170000001', [{ key: '1' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'ivr.calendar')[0], { calendar: 'ouverture', open: true, reason: 'override' });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique', language: 'fr' });
});

test('given the landlord line open, when a caller presses 2 (not technical), then a summary is requested for customer relations and the app hangs up', async (t) => {
  await force('habitat', 'ouverture', 'open', t);
  const { sipp, events } = await walkIvr('33170000001', [{ key: '2' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'case.summary_requested')[0], { reason: 'non-technical', to: 'customer-relations' });
  t.like(eventData(events, 'call.hangup')[0], { by: 'app' });
  t.is(eventData(events, 'queue.entered').length, 0);
});

test('given the landlord line closed, when a caller with an emergency presses 1, then the astreinte flow queues the call for the on-call service', async (t) => {
  await force('habitat', 'ouverture', 'closed', t);
  const { sipp, events } = await walkIvr('33170000001', [{ key: '1' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'ivr.calendar')[0], { open: false, reason: 'override' });
  t.deepEqual(eventData(events, 'ivr.flow_entered').map((d) => d.flow), ['accueil', 'astreinte']);
  t.like(eventData(events, 'queue.entered')[0], { queue: 'astreinte' });
});

test('given the landlord line closed, when a caller without an emergency presses 2, then the closed message plays and the app hangs up', async (t) => {
  await force('habitat', 'ouverture', 'closed', t);
  const { sipp, events } = await walkIvr('33170000001', [{ key: '2' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'ivr.key')[0], { step: 'urgence', digit: '2' });
  t.like(eventData(events, 'call.hangup')[0], { by: 'app' });
});

test('given the utility commercial line closed, when a caller chooses French, then the opening hours play and the app hangs up; open, the call is queued', async (t) => {
  await force('energie', 'commercial', 'closed', t);
  const closed = await walkIvr('212520000002', [{ key: '2' }]);
  t.is(closed.sipp.code, 0, closed.sipp.stdout.slice(-2000));
  t.like(eventData(closed.events, 'ivr.calendar')[0], { calendar: 'commercial', open: false });
  t.like(eventData(closed.events, 'call.hangup')[0], { by: 'app' });

  await force('energie', 'commercial', 'open', t);
  const open = await walkIvr('212520000002', [{ key: '2' }]);
  t.is(open.sipp.code, 0, open.sipp.stdout.slice(-2000));
  t.like(eventData(open.events, 'queue.entered')[0], { queue: 'commercial', language: 'fr' });
});

test('given the landlord office menu, when the caller asks to hear it again past the limit, then the call goes to the technical queue', async (t) => {
  await force('habitat', 'ouverture', 'open', t);
  const { sipp, events } = await walkIvr('33170000001', [{ key: '9' }, { key: '9', via: 'info' }, { key: '9', via: 'info' }], 40_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.is(eventData(events, 'ivr.max_loops').length, 1);
  t.like(eventData(events, 'queue.entered')[0], { queue: 'technique' });
});

test('given the astreinte menu, when the caller presses nothing, then after the retries the call still reaches the on-call queue', async (t) => {
  await force('habitat', 'ouverture', 'closed', t);
  const { sipp, events } = await walkIvr('33170000001', [], 90_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.deepEqual(eventData(events, 'ivr.timeout').map((d) => d.attempt), [1, 2, 3]);
  t.like(eventData(events, 'queue.entered')[0], { queue: 'astreinte' });
});

test('given the utility main menu with the commercial line open, when the caller presses 2, then the call waits in the commercial queue', async (t) => {
  await force('energie', 'commercial', 'open', t);
  const { sipp, events } = await walkIvr('212520000001', [{ key: '3' }, { key: '2', via: 'info' }]);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'ivr.calendar')[0], { calendar: 'commercial', open: true });
  t.like(eventData(events, 'queue.entered')[0], { queue: 'commercial', language: 'en' });
});

test('given a caller who chooses no language, when the language menu gives up, then Arabic is kept and the flow goes on', async (t) => {
  await force('energie', 'commercial', 'closed', t);
  const { sipp, events } = await walkIvr('212520000002', [], 90_000);
  t.is(sipp.code, 0, sipp.stdout.slice(-2000));
  t.like(eventData(events, 'ivr.language')[0], { language: 'ar', chosen: false });
  t.like(eventData(events, 'call.hangup')[0], { by: 'app' });
});
