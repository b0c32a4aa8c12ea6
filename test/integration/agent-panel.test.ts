// The agent panel used as an agent uses it: Debian's chromium logs in over HTTPS, goes available,
// and a SIPp caller walks the utility's IVR to the agent, whose SIPp desk phone rings then answers.
// The panel must show the call while it rings (the screen pop: number, line, DID, IVR path, queue,
// wait), then hold and take the caller back from the panel, and after the caller hangs up save the
// wrap-up, which MariaDB must hold on the call and as a call event. A second walk does the same
// screens in Arabic (right to left, numbers kept left to right); a third restarts the app under
// an open panel, which must come back by itself over its WebSocket; a fourth is a supervisor's
// first login, which must set up a TOTP second factor.
// Screenshots go to $CCAPP_SCREENSHOTS (default: a temporary directory), named per step.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { TECHNICAL_DID, TECHNICIAN } from '../support/agent-call.js';
import { adminToken, agentState, connectPhone, createAgent, setState, type TestAgent } from '../support/agents.js';
import { api } from '../support/api.js';
import { db, select, svc } from '../support/appliance.js';
import { eventData, queuedCall, walkIvr } from '../support/calls.js';
import { eventually } from '../support/eventually.js';
import { startIdentityPhone, TRUNK_FAR_END } from '../support/identity-phone.js';
import {
  fillWrapup, goAvailable, hold, logIn, loginRefusal, logOut, pause, readScreenPop, refusalNextTo, resume, waitForAgentState, withBrowser,
} from '../support/browser.js';
import { createUser, WEB_URL } from '../support/users.js';

const SHOTS = process.env.CCAPP_SCREENSHOTS || path.join(tmpdir(), 'ccapp-screenshots');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const toTechnicalQueue = [{ key: '2', via: 'info' as const }, { key: '1', via: 'info' as const }];

/** An agent of energie's technical queue with a desk phone that rings for ringMs then answers, and its web user. */
async function agentWithUser(t: ExecutionContext, language: 'fr' | 'ar' | 'en', ringMs: number): Promise<{ agent: TestAgent; userId: number; login: string; password: string }> {
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  await connectPhone('energie', agent, { kind: 'answer', ringMs });
  const user = await createUser(t, 'energie', { role: 'agent', agent: agent.login, language });
  return { agent, userId: user.id, login: user.login, password: user.password };
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * The whole walk of an agent in `language`: a wrong password first, then the panel; a premium
 * number refused by the dialling policy; available; a caller through the IVR; the screen pop
 * while the phone rings; hold and resume from the panel; the wrap-up after the caller hangs up,
 * and what MariaDB holds. Returns the page's checks to the caller through `extra` before the call.
 */
async function agentWalk(t: ExecutionContext, language: 'fr' | 'ar', caller: string, port: number, extra: (page: Page) => Promise<void>): Promise<void> {
  const { agent, login, password } = await agentWithUser(t, language, 4_000);
  await withBrowser(async ({ page }) => {
    // A wrong password: a message in the page's language, nothing technical.
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password: 'not-the-password' }), 'refused');
    const refusal = await loginRefusal(page);
    t.true(language === 'ar' ? ARABIC.test(refusal) : !ARABIC.test(refusal) && refusal.length > 10, refusal);
    t.notRegex(refusal, /error|Error|stack|undefined|auth\./);

    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await eventually(async () => (await page.getAttribute('html', 'lang')) === language, { what: 'the user\'s language applied' });
    await goAvailable(page);
    await shot(page, `${language}-1-available`);

    // The tenant's dialling policy refuses a premium number, and the panel says why.
    await page.getByTestId('dial-number').fill('0890123456');
    await page.getByTestId('dial-submit').click();
    await page.getByTestId('dial-error').waitFor();
    const refused = await refusalNextTo(page, 'dial-error');
    t.truthy(refused);
    t.is(ARABIC.test(refused ?? ''), language === 'ar', refused ?? '');
    await page.getByTestId('dial-number').fill('');
    await extra(page);

    const since = new Date(Date.now() - 1000);
    const walk = walkIvr(TECHNICAL_DID, toTechnicalQueue, 30_000, { localPort: port, caller });
    const callId = await queuedCall(caller, since);

    // While the phone rings: who calls, on which line and number, how they came and waited.
    const ringing = await readScreenPop(page, { state: 'ringing', timeout: 30_000 });
    await shot(page, `${language}-2-ringing`);
    t.is(ringing.callId, callId);
    t.is(ringing.direction, 'inbound');
    t.is(ringing.callerNumber, caller);
    t.is(ringing.did, TECHNICAL_DID);
    t.is(ringing.lineId, 'technique');
    t.is(ringing.queueId, 'technique');
    t.regex(ringing.waited ?? '', /^\d+:\d\d$/);
    t.deepEqual(ringing.ivrSteps.map((s) => s.kind).filter((k) => k !== 'calendar'), ['language', 'key']);
    // A phone number reads left to right, in a right-to-left page too.
    t.is(await page.getByTestId('pop-caller').first().getAttribute('dir'), 'ltr');

    // Answered by the phone: talking, then hold and back from the panel.
    await readScreenPop(page, { state: 'talking', timeout: 15_000 });
    t.is((await readScreenPop(page)).recording, 'recording');
    await hold(page);
    await shot(page, `${language}-3-held`);
    await resume(page);

    // The caller hangs up: the wrap-up form, with the line's call reasons.
    const { sipp } = await walk;
    t.is(sipp.code, 0, sipp.stdout.slice(-2000));
    const note = language === 'ar' ? 'انقطاع منذ الصباح' : 'Coupure depuis ce matin, technicien prévu';
    await fillWrapup(page, { family: 'panne', nature: 'logement', note });
    await shot(page, `${language}-4-wrapup-saved`);

    const conn = await db();
    try {
      const rows = await eventually(async () => {
        const r = await select<{ family: string; nature: string; note: string; agent_id: string }>(conn,
          'SELECT family, nature, note, agent_id FROM call_wrapups WHERE call_id = ?', [callId]);
        return r.length ? r : undefined;
      }, { what: 'the wrap-up row' });
      t.like(rows[0], { family: 'panne', nature: 'logement', note, agent_id: agent.id });
      const events = await eventually(async () => {
        const r = await select<{ type: string; data: Record<string, unknown> }>(conn,
          'SELECT type, data FROM call_events WHERE call_id = ? ORDER BY at, seq', [callId]);
        return r.some((e) => e.type === 'call.wrapup') ? r : undefined;
      }, { what: 'the call.wrapup event' });
      const types = events.map((e) => e.type);
      t.true(types.includes('call.held') && types.includes('call.resumed'), types.join(' '));
      t.like(events.find((e) => e.type === 'call.wrapup')?.data, { family: 'panne', nature: 'logement' });
    } finally {
      await conn.end();
    }
  }, { locale: language === 'ar' ? 'ar-MA' : 'fr-FR' });
}

test.serial('given an agent in the panel, when a caller comes through the IVR, then the screen pop shows while it rings, hold and resume work, and the wrap-up is saved in MariaDB', async (t) => {
  await agentWalk(t, 'fr', '0644000071', 5171, async (page) => {
    t.is(await page.getAttribute('html', 'dir'), 'ltr');
  });
});

test.serial('given an agent who works in Arabic, when they do the same walk, then every screen is right to left with the numbers left to right', async (t) => {
  await agentWalk(t, 'ar', '0644000072', 5172, async (page) => {
    t.is(await page.getAttribute('html', 'dir'), 'rtl');
    // Laid out right to left: the main column (the call) sits right of the side column (queues).
    const main = await page.getByTestId('call-area').boundingBox();
    const side = await page.getByTestId('queues').boundingBox();
    t.truthy(main && side);
    t.true((main?.x ?? 0) > (side?.x ?? 0), `call area at ${main?.x}, queues at ${side?.x}`);
  });
});

test.serial('given an open panel, when the app restarts, then the panel reconnects by itself and follows the agent again', async (t) => {
  const { agent, login, password } = await agentWithUser(t, 'en', 1_000);
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await goAvailable(page);

    // The socket drops while the app is away: the panel says so, then comes back by itself.
    const banner = page.getByTestId('live-banner');
    const seen = banner.waitFor({ state: 'visible', timeout: 120_000 });
    await svc('app', 'restart');
    await seen;
    await shot(page, 'en-1-reconnecting');
    await banner.waitFor({ state: 'detached', timeout: 120_000 });

    // The session and the agent's state survived; a change made from the panel shows through
    // the new socket and is the ACD's.
    await waitForAgentState(page, 'available');
    await pause(page, 'break', 60_000);
    await shot(page, 'en-2-paused-after-restart');
    t.like(await agentState('energie', agent.id), { state: 'paused', reason: 'break' });
  });
});

test.serial('given a new supervisor, when they log in, then they must set up a TOTP second factor, get ten recovery codes, and later logins ask for a code', async (t) => {
  const { login, password } = await createUser(t, 'energie', { role: 'supervisor', language: 'en' });
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'enrolment');
    const secret = (await page.getByTestId('enrol-secret').innerText()).replace(/\s+/g, '');
    t.regex(secret, /^[A-Z2-7]{16,}$/);
    await shot(page, 'en-3-enrolment');
    await page.getByTestId('enrol-code').fill('000000');
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('enrol-error').waitFor();
    await page.getByTestId('enrol-code').fill(await generate({ secret }));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    t.is(await page.getByTestId('recovery-code').count(), 10);
    await shot(page, 'en-4-recovery-codes');
    t.true(await page.getByTestId('recovery-continue').isDisabled(), 'not before the user says the codes are kept');
    await page.getByTestId('recovery-saved').check();
    await page.getByTestId('recovery-continue').click();
    await page.getByTestId('coming-soon').waitFor();
    await logOut(page);

    // The next login asks for a code; one of the next step (a code is good once) lets them in.
    const next = await logIn(page, { baseUrl: WEB_URL, login, password, totp: () => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    t.is(next, 'coming-soon');
  }, { locale: 'en-GB' });
});

test.serial('given an agent talking with a caller, when they transfer the call to a colleague chosen in the panel, then the colleague\'s phone takes it and the agent wraps up', async (t) => {
  const { agent, login, password } = await agentWithUser(t, 'fr', 1_000);
  const colleague = await createAgent(t, 'energie', TECHNICIAN);
  const colleaguePhone = await connectPhone('energie', colleague, { kind: 'answer', ringMs: 500 });
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await goAvailable(page);
    const caller = '0644000073';
    const since = new Date(Date.now() - 1000);
    const walk = walkIvr(TECHNICAL_DID, toTechnicalQueue, 25_000, { localPort: 5173, caller });
    const callId = await queuedCall(caller, since);
    await readScreenPop(page, { state: 'talking', timeout: 30_000 });

    // The colleague logs in now (so the call came to this agent): the list shows them reachable.
    await setState('energie', colleague, { action: 'login' });
    const option = page.locator(`[data-testid="transfer-colleague"] option[value="${colleague.login}"]:not([disabled])`);
    await option.waitFor({ state: 'attached' });
    await page.getByTestId('transfer-colleague').selectOption(colleague.login);
    await shot(page, 'fr-5-transfer');
    await page.getByTestId('transfer-blind').click();

    await eventually(() => Promise.resolve(colleaguePhone.count('ANSWERED') === 1), { what: 'the colleague answers' });
    await page.getByTestId('wrapup-form').waitFor({ timeout: 15_000 });
    t.is(await page.getByTestId('screen-pop').count(), 0, 'the call left the panel');
    t.is((await walk).sipp.code, 0);
    const { events } = await walk;
    t.like(eventData(events, 'call.transferred')[0], { mode: 'blind', by: agent.id, to: { kind: 'agent', id: colleague.id } });
    t.true(events.every((e) => e.type !== 'call.flow_failed'));
    t.is((await walk).call?.id, callId);
  });
});

test.serial('given an agent\'s open panel, when an administrator disables the user, then the panel goes back to the login with a message in the user\'s language', async (t) => {
  const { userId, login, password } = await agentWithUser(t, 'fr', 1_000);
  const token = await adminToken('energie');
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await goAvailable(page);
    t.is((await api(token, 'PATCH', `/api/tenants/energie/users/${userId}`, { disabled: true })).status, 200);
    // The socket's next check (every 20 s) finds the session over; no click needed.
    const notice = page.getByTestId('login-notice');
    await notice.waitFor({ timeout: 60_000 });
    await shot(page, 'fr-6-session-ended');
    const text = (await notice.innerText()).trim();
    t.regex(text, /session|connect/i);
    t.notRegex(text, /auth\.|error|undefined|401/);
  });
});

test.serial('given an available agent, when they call a customer from the panel, then the outbound call shows on the panel, is logged as outbound, and ends in the wrap-up', async (t) => {
  const { agent, login, password } = await agentWithUser(t, 'fr', 500);
  const customer = startIdentityPhone(TRUNK_FAR_END, { kind: 'answer', ringMs: 500, talkMs: 6_000 });
  t.teardown(() => customer.stop());
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await goAvailable(page);
    await page.getByTestId('dial-number').fill('06 12 34 56 78');
    await page.getByTestId('dial-submit').click();

    const pop = await readScreenPop(page, { state: 'talking', timeout: 30_000 });
    await shot(page, 'fr-7-outbound');
    t.is(pop.direction, 'outbound');
    t.is(pop.did, TECHNICAL_DID);
    await waitForAgentState(page, 'talking');
    // What the ACD cannot do on the agent's own call is not offered.
    t.is(await page.getByTestId('call-hold').count(), 0);
    await page.getByTestId('outbound-controls-note').waitFor();
    // Recorded once the customer answered (the tenant records unless the agent opts out).
    await page.locator('[data-testid="screen-pop"] [data-testid="pop-recording"][data-recording="recording"]').waitFor();
    await eventually(() => Promise.resolve(customer.count('BYE-SENT') === 1), { what: 'the customer hung up' });
    await page.getByTestId('wrapup-form').waitFor({ timeout: 15_000 });

    const conn = await db();
    try {
      const [row] = await select<{ direction: string; caller_id: string }>(conn,
        'SELECT direction, caller_id FROM calls WHERE id = ?', [pop.callId]);
      t.like(row, { direction: 'outbound', caller_id: '0612345678' });
    } finally {
      await conn.end();
    }
    // No queue, no wrap-up time: the agent is available again, and the form stays for the call.
    t.is((await agentState('energie', agent.id))?.state, 'available');
    t.true(await page.getByTestId('wrapup-family').locator('option').count() > 1, 'the line\'s call reasons are offered');
  });
});
