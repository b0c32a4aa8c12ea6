// Builds the whole app from its configuration: every dependency is created here and passed in.
import { createSequelize } from '../../db/connection.js';
import { initModels } from '../../db/models/index.js';
import { TRANSPORT } from '../../pbx-config/render/pjsip.js';
import { AcdShell } from '../acd/shell/shell.js';
import { AgentDirectory } from '../agents/directory.js';
import { PhoneProvisioner } from '../agents/phones.js';
import { agentsPlugin } from '../agents/plugin.js';
import { acdPlugin } from '../acd/plugin.js';
import { AriClient, type AriEndpoint } from '../ari/client.js';
import { AriEventStream } from '../ari/events.js';
import { AuditLog } from '../auth/audit.js';
import { authPlugin } from '../auth/plugin.js';
import { sessionPlugin } from '../auth/session-plugin.js';
import { SessionStore } from '../auth/sessions.js';
import { SecretBox } from '../auth/totp.js';
import { tenantLookup } from '../auth/tenant-access.js';
import { CalendarDecisions } from '../calendars/decisions.js';
import { calendarsPlugin } from '../calendars/plugin.js';
import { kpiPlugin } from '../kpi/plugin.js';
import { journalStoreWithKpis } from '../kpi/summariser.js';
import { callsPlugin } from '../calls/plugin.js';
import { startRecording } from '../calls/ivr-call.js';
import { pendingCallbacks } from '../acd/shell/pending-callbacks.js';
import type { CallService, CallServiceDeps } from '../calls/service.js';
import { Admission } from '../calls/admission.js';
import { acdOwner } from '../acd/shell/ownership.js';
import { outboundOwner } from '../outbound/ownership.js';
import type { OutboundService } from '../outbound/service.js';
import { Sweeper, startSweeping } from '../sweep/sweep.js';
import type { Config } from '../config/load.js';
import { errorsPlugin } from '../errors/plugin.js';
import { healthPlugin } from '../health/plugin.js';
import { CallJournal } from '../journal/journal.js';
import type { Logger } from '../log/logger.js';
import { AsteriskMediaCore } from '../media/asterisk/driver.js';
import { metricsPlugin } from '../metrics/plugin.js';
import { outboundPlugin } from '../outbound/plugin.js';
import { panelPlugin } from '../panel/plugin.js';
import { peopleOwners } from '../people/owners.js';
import { peoplePlugin } from '../people/plugin.js';
import { callsHandledBy } from '../panel/store.js';
import { createMetrics } from '../metrics/registry.js';
import { promptsPlugin } from '../prompts/plugin.js';
import { PromptResolver } from '../prompts/resolver.js';
import { openCalls } from './open-calls.js';
import { ownershipResolvers } from './owners.js';
import { databaseCheck } from './readiness.js';
import type { Language } from '../../pbx-config/schema/tenant.js';
import { createServers } from '../web/listeners.js';

export function ariEndpoint(config: Config): AriEndpoint {
  return { baseUrl: `http://${config.site.http.bindAddress}:${config.site.http.port}`, username: config.site.ari.username, password: config.secrets.ariPassword };
}

export async function composeApp(config: Config, log: Logger) {
  const metrics = createMetrics();
  const sequelize = createSequelize({ ...config.db, password: config.secrets.dbPassword });
  const models = initModels(sequelize);
  // Entries wait on disk (config.journal.spoolDir) until MariaDB has them; what a killed process
  // left there is written first. Calls are summarised for the KPIs as their end is written.
  const journal = await CallJournal.open(journalStoreWithKpis(sequelize, models, config.site.name, log), log, {
    spoolDir: config.journal.spoolDir,
    onPending: (n) => metrics.journalPending.set(n),
    onBatchWritten: (s) => metrics.journalWriteSeconds.observe(s),
    onCommitted: (w) => { metrics.journalTransactions.inc(w.transactions); metrics.journalStatements.inc(w.statements); },
    onRejected: () => metrics.journalRejected.inc(),
  });
  const endpoint = ariEndpoint(config);
  const stream = new AriEventStream(endpoint, config.site.ari.app, log);
  stream.on('connected', () => { metrics.ariConnected.set(1); metrics.ariReconnects.inc(); });
  stream.on('disconnected', () => metrics.ariConnected.set(0));
  stream.on('event', (e) => metrics.ariEvents.inc({ type: e.type }));
  const ari = new AriClient(endpoint, (operation, status) => metrics.ariRequests.inc({ operation, status: String(status) }));
  const pendingTimer = setInterval(() => metrics.ariPending.set(ari.pending), 1000);
  pendingTimer.unref();
  const media = new AsteriskMediaCore(ari, stream, config.site.ari.app, (what, err) =>
    log.error({ err: err instanceof Error ? err.stack : String(err) }, what));

  // New calls are refused cleanly past what the app can carry (app/calls/admission.ts).
  const admission = new Admission(() => ari.pending, config.calls);

  // One hapi server on the loopback port, the public HTTPS port and the redirect port (app/web/).
  const web = await createServers(config, log);
  const { server } = web;
  // Which sound a tenant's prompt plays; the IVR gets this same instance.
  const resolver = new PromptResolver({ soundsDir: config.paths.sounds });
  // Whether a line is open; the IVR and the calendars API share it.
  const decisions = new CalendarDecisions(config.tenants);
  // Flows are validated at load, so every prompt they name resolves; the fallback only names the
  // missing built-in sound in the playback error should a file vanish under a running app.
  const prompt: CallServiceDeps['prompt'] = (tenant, name, language) =>
    resolver.resolve(tenant, name, language) ?? `sound:${config.paths.sounds}/builtin/${language}/${name}`;
  const trunk = config.site.trunks[0];
  const phones = new PhoneProvisioner(ari, config.site.ari.app, TRANSPORT, trunk?.codecs.join(',') ?? 'alaw,ulaw');
  const directory = new AgentDirectory(models);
  const acd = new AcdShell({
    media, journal, directory, log, tenants: config.tenants, prompt: (t, n, l) => prompt(t, n, l as Language),
    trunk: trunk?.name ?? '', recordingsDir: config.paths.recordings,
    startRecording: (session, part) => startRecording(session, media, part),
    pendingCallbacks: () => pendingCallbacks(sequelize),
  });
  // Tenants served here: a token or user of a tenant removed from the configuration is refused.
  const configuredTenants = new Set(config.tenants.map((t) => t.slug));
  const tenantIds = new Map((await models.Tenant.findAll({ attributes: ['id', 'slug'] })).map((t) => [t.id, t.slug]));
  const tenantConfigured = (id: number): boolean => configuredTenants.has(tenantIds.get(id) ?? '');
  const sessions = new SessionStore(models, {
    idleMs: config.auth.sessionIdleMinutes * 60_000, absoluteMs: config.auth.sessionAbsoluteHours * 3_600_000,
  }, (id) => tenantConfigured(id));
  const audit = new AuditLog(models, log);
  // Who owns a call, an agent, a user or a token: the one place every route's object is checked.
  const owners = { ...ownershipResolvers({ directory, acd, handledBy: callsHandledBy(sequelize) }), ...peopleOwners(models) };
  await server.register([
    { plugin: errorsPlugin, options: { log } },
    {
      plugin: authPlugin,
      options: {
        models, sessions, audit, lookup: tenantLookup(models), configuredTenants,
        owners, secureCookies: true,
      },
    },
    {
      plugin: sessionPlugin,
      options: {
        models, sessions, audit, box: new SecretBox(config.secrets.authKey), tenantConfigured, secureCookies: true,
        policy: { maxFailedAttempts: config.auth.maxFailedAttempts, lockMs: config.auth.lockMinutes * 60_000, totpIssuer: config.auth.totpIssuer },
        addressLimit: { max: config.auth.attemptsPerAddress, windowMs: config.auth.addressWindowMinutes * 60_000 },
      },
    },
    { plugin: healthPlugin, options: { checks: { ari: () => media.connected, db: databaseCheck(sequelize) } } },
    { plugin: metricsPlugin, options: { metrics } },
    { plugin: callsPlugin, options: { app: config.site.ari.app, media, journal, log, metrics, admission, tenants: config.tenants, paths: config.paths, prompt, decide: (t: string, c: string, at: Date) => decisions.decide(t, c, at), queues: acd, openCalls: () => openCalls(sequelize, config.site.name) } },
    { plugin: acdPlugin, options: { acd, media, log } },
    { plugin: agentsPlugin, options: { directory, phones, acd, media, log, tenants: config.tenants } },
    { plugin: outboundPlugin, options: { models, directory, acd, media, journal, log, tenants: config.tenants, trunk: trunk?.name ?? '', recordingsDir: config.paths.recordings } },
    { plugin: promptsPlugin, options: { sequelize, models, config, log, resolver } },
    { plugin: calendarsPlugin, options: { models, tenants: config.tenants, decisions, log } },
    { plugin: kpiPlugin, options: { sequelize, models } },
    { plugin: peoplePlugin, options: { models, sessions, audit } },
    {
      plugin: panelPlugin,
      options: {
        acd, journal, sequelize, tenants: config.tenants, log,
        lookup: tenantLookup(models), owners,
      },
    },
  ]);

  // Every channel and bridge in our application is owned by something of ours, or removed.
  const services = server.plugins as unknown as Record<string, { service: unknown }>;
  const sweeper = new Sweeper(media, [
    (services['ccapp-calls']?.service as CallService).owner,
    acdOwner(acd),
    outboundOwner(services['ccapp-outbound']?.service as OutboundService),
  ], config.site.ari.app, log, (kind) => metrics.channelsSwept.inc({ kind }));
  let stopSweeping = (): void => undefined;

  return {
    server,
    async start(): Promise<void> {
      await web.start();
      stream.start();
      stopSweeping = startSweeping(sweeper, media, config.calls.sweepSeconds * 1000, log);
      log.info({ uri: server.info.uri, tenants: config.tenants.map((t) => t.slug) }, 'ccapp started');
    },
    async stop(): Promise<void> {
      stopSweeping();
      admission.stop();
      clearInterval(pendingTimer);
      stream.stop();
      await web.stop(5000);
      journal.stop();
      await Promise.race([journal.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
      if (journal.pending) log.warn({ pending: journal.pending, spoolDir: config.journal.spoolDir }, 'stopping with call journal entries not yet in MariaDB; they stay in the spool for the next start');
      await sequelize.close();
      await ari.close();
    },
  };
}
