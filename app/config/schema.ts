// The app's own settings: what it listens on, how it reaches MariaDB and Asterisk, where files
// are. Site and tenants have their own schemas in pbx-config/schema/.
import { z } from 'zod';

const port = z.number().int().min(1).max(65535);
const secret = z.string({ error: 'required: a generated secret (provisioning writes it)' })
  .min(16, 'must be a generated secret of at least 16 characters');
const hostName = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,252}$/, 'must be a lower-case host name or an IPv4 address');

export const AppSettingsSchema = z.object({
  http: z.object({ host: z.ipv4().default('127.0.0.1'), port: port.default(8080) }).prefault({}),
  db: z.object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(3306),
    database: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).default('ccapp'),
    user: z.string().min(1).default('ccapp'),
  }).prefault({}),
  paths: z.object({
    sounds: z.string().startsWith('/').default('/var/lib/ccapp/sounds'),
    recordings: z.string().startsWith('/').default('/var/spool/asterisk/recording'),
    asteriskConfig: z.string().startsWith('/').default('/etc/asterisk'),
    /** The built panel (index.html and assets/): web/dist of the installed bundle. */
    web: z.string().startsWith('/').default('/opt/ccapp/web/dist'),
  }).prefault({}),
  /** Tenants' prompt uploads: largest body accepted, shortest and longest decoded audio. */
  prompts: z.object({
    maxBytes: z.number().int().min(64 * 1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    minDurationMs: z.number().int().min(100).max(10_000).default(300),
    maxDurationSeconds: z.number().int().min(1).max(3600).default(300),
  }).prefault({}),
  log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info') }).prefault({}),
  /** People's logins: session timeouts, lockout after failed attempts, limits per address. */
  auth: z.object({
    sessionIdleMinutes: z.number().int().min(1).max(24 * 60).default(30),
    sessionAbsoluteHours: z.number().int().min(1).max(7 * 24).default(12),
    maxFailedAttempts: z.number().int().min(3).max(100).default(5),
    lockMinutes: z.number().int().min(1).max(24 * 60).default(15),
    attemptsPerAddress: z.number().int().min(5).max(10_000).default(30),
    addressWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
    /** The name authenticator apps show beside the account. */
    totpIssuer: z.string().min(1).max(40).default('ccapp'),
  }).prefault({}),
  /**
   * Browsers' side (app/web/): the panel and the API over HTTPS on the public address, and a
   * plain-HTTP port there that only redirects to it. `http` above stays the loopback port.
   */
  web: z.object({
    https: z.object({ host: z.ipv4().default('0.0.0.0'), port: port.default(8443) }).prefault({}),
    redirect: z.object({ host: z.ipv4().default('0.0.0.0'), port: port.default(8081) }).prefault({}),
    /** The name browsers reach the appliance by: the redirect's target, the generated certificate's name. */
    publicName: hostName.default('localhost'),
    /** PEM certificate (with its chain) and key; without them a self-signed pair is made in tlsDir. */
    certFile: z.string().startsWith('/').optional(),
    keyFile: z.string().startsWith('/').optional(),
    tlsDir: z.string().startsWith('/').default('/var/lib/ccapp/tls'),
  })
    .refine((w) => (w.certFile === undefined) === (w.keyFile === undefined), { message: 'certFile and keyFile are given together or not at all', path: ['keyFile'] })
    .refine((w) => w.https.port !== w.redirect.port, { message: 'must differ from web.https.port', path: ['redirect', 'port'] })
    .prefault({}),
  /** The call journal's spool: entries not yet in MariaDB, kept across a crash (app/journal/spool.ts). */
  journal: z.object({ spoolDir: z.string().startsWith('/').default('/var/lib/ccapp/journal') }).prefault({}),
  /** The call path's safety: the sweep of unowned channels, and when new calls are refused (app/sweep, app/calls/admission.ts). */
  calls: z.object({
    /** Seconds between two sweeps; an object unowned at two sweeps in a row is removed. */
    sweepSeconds: z.number().int().min(1).max(3600).default(10),
    /** New calls are refused (SIP 503) while more ARI requests than this wait for Asterisk... */
    maxPendingAri: z.number().int().min(1).default(96),
    /** ...or while the event loop lagged more than this (ms, worst of the last second). */
    maxLoopLagMs: z.number().int().min(1).default(250),
  }).prefault({}),
});

/** secrets.json: written by provisioning, readable by the app's group only. */
export const SecretsSchema = z.object({
  dbPassword: secret,
  ariPassword: secret,
  /** Seals the TOTP secrets kept in MariaDB. */
  authKey: secret,
});

export type AppSettings = z.infer<typeof AppSettingsSchema>;
export type Secrets = z.infer<typeof SecretsSchema>;
