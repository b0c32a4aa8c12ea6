// The administrators' People screen used as a client's administrator uses it: Debian's chromium
// logs in a new tenant_admin of energie (who must set up a TOTP second factor first), creates an
// agent user linked to a new agent and reads the password shown once; that agent logs in with it
// and gets the agent panel; the administrator then gives them a new password and disables them,
// and the audit tab shows those user.* rows. Then the same screens in Arabic, right to left.
// Screenshots go to $CCAPP_SCREENSHOTS (default: a temporary directory), named per step.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { TECHNICIAN } from '../support/agent-call.js';
import { adminToken, createAgent } from '../support/agents.js';
import { api } from '../support/api.js';
import { logIn, logOut, withBrowser } from '../support/browser.js';
import { createUser, WEB_URL } from '../support/users.js';

const SHOTS = process.env.CCAPP_SCREENSHOTS || path.join(tmpdir(), 'ccapp-screenshots');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Sets up the second factor at first login (as any non-agent role must) and returns its secret. */
async function enrol(page: Page): Promise<string> {
  const secret = (await page.getByTestId('enrol-secret').innerText()).replace(/\s+/g, '');
  await page.getByTestId('enrol-code').fill(await generate({ secret }));
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('recovery-continue').click();
  await page.getByTestId('admin-people').waitFor();
  return secret;
}

/** A code of the next 30-second step (the one used at enrolment cannot be used again). */
const nextCode = (secret: string) => () => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

const row = (page: Page, login: string) => page.locator(`[data-testid="person-row"][data-login="${login}"]`);

/** Disables a user made through the screen (by login) when the test ends. */
function disableAtTeardown(t: { teardown: (fn: () => Promise<void>) => void }, login: string): void {
  t.teardown(async () => {
    const token = await adminToken('energie');
    const list = (await api(token, 'GET', '/api/tenants/energie/users')).body as { id: number; login: string }[];
    const made = list.find((u) => u.login === login);
    if (made) await api(token, 'PATCH', `/api/tenants/energie/users/${made.id}`, { disabled: true });
  });
}

test.serial('given a client\'s administrator, when they create an agent user on the People screen, then the agent logs in with the password shown once, and a reset and a disable show in the audit log', async (t) => {
  const admin = await createUser(t, 'energie', { role: 'tenant_admin', language: 'fr', name: 'Admin Énergie' });
  const agent = await createAgent(t, 'energie', TECHNICIAN);
  const login = `p${process.pid}.agent`;
  disableAtTeardown(t, login);

  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login: admin.login, password: admin.password }), 'enrolment');
    const secret = await enrol(page);
    await shot(page, 'admin-fr-1-people');

    // A refusal shows next to the form, in the user's language: an agent needs an agent login.
    await page.getByTestId('create-login').fill(login);
    await page.getByTestId('create-name').fill('Agent créé par le test');
    await page.getByTestId('create-role').selectOption('agent');
    await page.getByTestId('create-agent').fill('99999999');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('create-error').waitFor();
    await shot(page, 'admin-fr-2-create-refused');

    await page.getByTestId('create-agent').fill(agent.login);
    await page.getByTestId('create-language').selectOption('fr');
    await page.getByTestId('create-submit').click();
    const password = (await page.getByTestId('created-password').innerText()).trim();
    t.regex(password, /^\S{12,}$/);
    await row(page, login).waitFor();
    await shot(page, 'admin-fr-3-created');
    await page.getByTestId('created-password-done').click();
    t.is(await page.getByTestId('created-password').count(), 0, 'the password is shown once');
    await logOut(page);

    // The new agent logs in with the password handed over and gets their panel.
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password }), 'agent-panel');
    await logOut(page);

    // Back as the administrator: a new password (confirmed first), then disable.
    t.is(await logIn(page, { baseUrl: WEB_URL, login: admin.login, password: admin.password, totp: nextCode(secret) }), 'admin-people');
    await row(page, login).getByTestId('person-open').click();
    await page.getByTestId('person-reset-password').click();
    await shot(page, 'admin-fr-4-confirm-reset');
    await page.getByTestId('person-reset-password-confirm').click();
    const newPassword = (await page.getByTestId('new-password').innerText()).trim();
    t.not(newPassword, password);
    await page.getByTestId('person-disable').click();
    await page.getByTestId('person-disable-confirm').click();
    await page.locator(`[data-testid="person-row"][data-login="${login}"][data-disabled="true"]`).waitFor();
    await page.getByTestId('person-enable').waitFor();
    await shot(page, 'admin-fr-5-disabled');

    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-filter').selectOption('user.');
    await page.locator('[data-testid="audit-table"][data-filter="user."] [data-testid="audit-row"][data-type="user.disabled"]').first().waitFor();
    const types: string[] = [];
    for (const r of await page.getByTestId('audit-row').all()) types.push(await r.getAttribute('data-type') ?? '');
    t.true(types.every((type) => type.startsWith('user.')), 'the filter keeps user.* rows only');
    for (const type of ['user.created', 'user.password_reset', 'user.disabled']) t.true(types.includes(type), `${type} is in the log`);
    // Newest first: the disable comes before the reset, which comes before the creation.
    t.true(types.indexOf('user.disabled') < types.indexOf('user.password_reset'));
    t.true(types.indexOf('user.password_reset') < types.indexOf('user.created'));
    await shot(page, 'admin-fr-6-audit');
    // Times are the tenant's (Africa/Casablanca, UTC+1), as the server's time-zone data has it,
    // whatever this browser's own data says.
    const when = page.locator('[data-testid="audit-row"] time').first();
    const iso = await when.getAttribute('datetime') ?? '';
    const casablanca = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Africa/Casablanca', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    t.is((await when.innerText()).trim(), casablanca.format(new Date(iso)));
    await logOut(page);

    // Disabled: even the new password is refused.
    t.is(await logIn(page, { baseUrl: WEB_URL, login, password: newPassword }), 'refused');
  }, { locale: 'fr-FR' });
});

test.serial('given a client\'s administrator who reads Arabic, then the People, Tokens and Audit tabs read right to left', async (t) => {
  const admin = await createUser(t, 'energie', { role: 'tenant_admin', language: 'ar', name: 'مدير الطاقة' });
  await withBrowser(async ({ page }) => {
    t.is(await logIn(page, { baseUrl: WEB_URL, login: admin.login, password: admin.password }), 'enrolment');
    await enrol(page);
    t.is(await page.locator('html').getAttribute('dir'), 'rtl');
    t.is(await page.locator('html').getAttribute('lang'), 'ar');
    await page.getByTestId('create-role').selectOption('agent');
    await page.getByTestId('create-login').fill('bad login');
    await page.getByTestId('create-name').fill('وكيل');
    await page.getByTestId('create-agent').fill('1');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('create-error').waitFor();
    t.regex(await page.getByTestId('create-error').innerText(), /[\u0600-\u06FF]/, 'the refusal is in Arabic');
    await shot(page, 'admin-ar-1-people');
    await page.getByTestId('tab-tokens').click();
    await page.getByTestId('admin-tokens').waitFor();
    await shot(page, 'admin-ar-2-tokens');
    await page.getByTestId('tab-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    await shot(page, 'admin-ar-3-audit');
  }, { locale: 'ar-MA' });
});
