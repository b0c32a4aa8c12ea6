// Browser tests: Debian's chromium driven by playwright-core (`playwright install` cannot
// download browsers here), headless, with a fresh profile in a temporary directory that is
// removed on close; and page helpers for the web app's flows (login with an optional TOTP code,
// going available, reading the screen pop, hold/resume, the wrap-up). The helpers find elements
// by their data-testid only, never by text (the text depends on the language).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
];

export interface BrowserSession {
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
  /** Closes chromium and removes its profile directory. */
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** The browser's language (navigator.languages), e.g. 'ar-MA'; the app picks it before login. */
  locale?: string;
  timezoneId?: string;
  viewport?: { width: number; height: number };
  /** Extra chromium flags (fake media devices...). */
  args?: readonly string[];
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(tmpdir(), 'ccapp-chromium-'));
  let context: BrowserContext;
  try {
    // launchPersistentContext passes --user-data-dir=<profile> itself (playwright refuses it in args).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      ignoreHTTPSErrors: true,
      locale: options.locale ?? 'fr-FR',
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      viewport: options.viewport ?? { width: 1366, height: 900 },
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? await context.newPage();
  let closed = false;
  return {
    context,
    page,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Runs fn with a fresh browser, closed afterwards whatever happens. */
export async function withBrowser<T>(fn: (session: BrowserSession) => Promise<T>, options?: LaunchOptions): Promise<T> {
  const session = await launchBrowser(options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

const byId = (page: Page, id: string) => page.getByTestId(id);

/** Where a login ended: a screen of the app, or the refusal shown on the form. */
export type LoginOutcome = 'agent-panel' | 'admin-people' | 'coming-soon' | 'second-factor' | 'enrolment' | 'refused';

const SCREENS = ['agent-panel', 'admin-people', 'coming-soon', 'second-factor', 'enrolment', 'login-error', 'login-blocked'] as const;

async function screenAfterSubmit(page: Page, timeout: number): Promise<LoginOutcome> {
  const found = await Promise.any(SCREENS.map(async (id) => {
    await byId(page, id).first().waitFor({ state: 'visible', timeout });
    return id;
  }));
  return found === 'login-error' || found === 'login-blocked' ? 'refused' : found;
}

export interface LoginInput {
  /** The app's address, e.g. https://127.0.0.1:8443/ */
  baseUrl: string;
  login: string;
  password: string;
  /** The TOTP code, or a function giving it when the second factor is asked (codes last 30 s). */
  totp?: string | (() => string | Promise<string>);
  timeoutMs?: number;
}

/** Opens the app, logs in with the password and, when asked and given, the TOTP code. */
export async function logIn(page: Page, input: LoginInput): Promise<LoginOutcome> {
  const timeout = input.timeoutMs ?? 15_000;
  await page.goto(input.baseUrl);
  await byId(page, 'login-login').fill(input.login, { timeout });
  await byId(page, 'login-password').fill(input.password);
  await byId(page, 'login-submit').click();
  const first = await screenAfterSubmit(page, timeout);
  if (first !== 'second-factor' || input.totp === undefined) return first;
  const code = typeof input.totp === 'function' ? await input.totp() : input.totp;
  await byId(page, 'second-factor-code').fill(code);
  await byId(page, 'second-factor-submit').click();
  const found = await Promise.any(['agent-panel', 'admin-people', 'coming-soon', 'second-factor-error', 'login-blocked'].map(async (id) => {
    await byId(page, id).first().waitFor({ state: 'visible', timeout });
    return id;
  }));
  return found === 'second-factor-error' || found === 'login-blocked' ? 'refused' : found as LoginOutcome;
}

/** The message shown for a refused login (in the page's language). */
export async function loginRefusal(page: Page): Promise<string> {
  return (await page.locator('[data-testid="login-error"], [data-testid="login-blocked"], [data-testid="second-factor-error"]').first().innerText()).trim();
}

export async function logOut(page: Page): Promise<void> {
  await byId(page, 'logout').click();
  await byId(page, 'login').waitFor({ state: 'visible' });
}

export type AgentState = 'logged_out' | 'available' | 'paused' | 'ringing' | 'talking' | 'wrapup';

export async function agentState(page: Page): Promise<AgentState> {
  return await byId(page, 'agent-state').getAttribute('data-state') as AgentState;
}

export async function waitForAgentState(page: Page, state: AgentState, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="agent-state"][data-state="${state}"]`).waitFor({ timeout });
}

/** From logged out or paused to available (logging in to the queues first if needed). */
export async function goAvailable(page: Page, timeout = 15_000): Promise<void> {
  await byId(page, 'agent-state').waitFor({ timeout });
  let state = await agentState(page);
  if (state === 'logged_out') {
    await byId(page, 'state-login').click();
    await page.locator('[data-testid="agent-state"]:not([data-state="logged_out"])').waitFor({ timeout });
    state = await agentState(page);
  }
  if (state === 'paused') await byId(page, 'state-available').click();
  await waitForAgentState(page, 'available', timeout);
}

/** Pauses with a reason code (one of the panel's pauseReasons). */
export async function pause(page: Page, reason: string, timeout = 15_000): Promise<void> {
  await byId(page, 'pause-reason').selectOption(reason);
  await byId(page, 'state-pause').click();
  await waitForAgentState(page, 'paused', timeout);
}

export interface ScreenPop {
  callId: string;
  state: 'ringing' | 'talking' | 'held' | 'consulting';
  direction: 'inbound' | 'outbound';
  /** null when withheld. */
  callerNumber: string | null;
  lineId: string;
  line: string;
  did: string;
  language: string | null;
  queueId: string | null;
  queue: string;
  /** The wait shown, as on screen (m:ss), or null. */
  waited: string | null;
  recording: 'recording' | 'off' | 'opted_out';
  /** Each IVR step as shown, with its kind. */
  ivrSteps: { kind: string; text: string }[];
  historyRows: number;
}

/** Waits for a call on the panel (optionally in a given state) and reads its screen pop. */
export async function readScreenPop(page: Page, opts: { state?: ScreenPop['state']; timeout?: number } = {}): Promise<ScreenPop> {
  const pop = page.locator(opts.state ? `[data-testid="screen-pop"][data-state="${opts.state}"]` : '[data-testid="screen-pop"]');
  await pop.waitFor({ timeout: opts.timeout ?? 15_000 });
  const text = async (id: string) => (await pop.getByTestId(id).first().innerText()).trim();
  const attr = async (id: string, name: string) => pop.getByTestId(id).first().getAttribute(name);
  const caller = pop.getByTestId('pop-caller');
  const waited = await text('pop-waited');
  const steps = pop.getByTestId('ivr-step');
  const ivrSteps: ScreenPop['ivrSteps'] = [];
  for (const step of await steps.all()) ivrSteps.push({ kind: await step.getAttribute('data-kind') ?? '', text: (await step.innerText()).trim() });
  return {
    callId: await pop.getAttribute('data-call-id') ?? '',
    state: await pop.getAttribute('data-state') as ScreenPop['state'],
    direction: await attr('pop-direction', 'data-direction') as ScreenPop['direction'],
    callerNumber: await caller.getAttribute('data-withheld') === 'true' ? null : (await caller.innerText()).trim(),
    lineId: await attr('pop-line', 'data-line') ?? '',
    line: await text('pop-line'),
    did: await text('pop-did'),
    language: (await attr('pop-language', 'data-language')) || null,
    queueId: (await attr('pop-queue', 'data-queue')) || null,
    queue: await text('pop-queue'),
    waited: waited === '—' ? null : waited,
    recording: await attr('pop-recording', 'data-recording') as ScreenPop['recording'],
    ivrSteps,
    historyRows: await pop.getByTestId('history-row').count(),
  };
}

/** Puts the caller on hold and waits for the panel to show it. */
export async function hold(page: Page, timeout = 15_000): Promise<void> {
  await byId(page, 'call-hold').click();
  await page.locator('[data-testid="screen-pop"][data-state="held"]').waitFor({ timeout });
}

/** Takes the caller back from hold and waits for the panel to show it. */
export async function resume(page: Page, timeout = 15_000): Promise<void> {
  await byId(page, 'call-resume').click();
  await page.locator('[data-testid="screen-pop"][data-state="talking"]').waitFor({ timeout });
}

/** Fills and saves the wrap-up (family and nature codes of the panel's callReasons) and waits until it is saved. */
export async function fillWrapup(page: Page, wrapup: { family: string; nature: string; note?: string }, timeout = 15_000): Promise<void> {
  const form = page.getByTestId('wrapup-form');
  await form.waitFor({ timeout });
  await form.getByTestId('wrapup-family').selectOption(wrapup.family);
  await form.getByTestId('wrapup-nature').selectOption(wrapup.nature);
  if (wrapup.note !== undefined) await form.getByTestId('wrapup-note').fill(wrapup.note);
  await form.getByTestId('wrapup-save').click();
  // Saved: the next snapshot marks it saved, or ends the wrap-up (the form goes); refused: the error shows.
  await Promise.any([
    page.locator('[data-testid="wrapup-form"][data-saved="true"], [data-testid="wrapup-error"]').first().waitFor({ timeout }),
    form.waitFor({ state: 'detached', timeout }),
  ]);
  const error = page.getByTestId('wrapup-error');
  if (await error.isVisible()) throw new Error(`the wrap-up was refused: ${(await error.innerText()).trim()}`);
}

/** The refusal shown next to a control (data-testid of its error, e.g. 'dial-error'), or null. */
export async function refusalNextTo(page: Page, errorTestId: string): Promise<string | null> {
  const error = page.getByTestId(errorTestId);
  return await error.isVisible() ? (await error.innerText()).trim() : null;
}
