// The appliance's app process: loads the configuration (or stops, listing every problem), then
// serves the HTTP API and drives Asterisk over ARI until SIGTERM.
import { loadConfigOrExit } from './config/load.js';
import { createLogger } from './log/logger.js';
import { composeApp } from './server/compose.js';
import { exitOnWebSetupError } from './web/setup-error.js';

const config = await loadConfigOrExit();
const log = createLogger(config.log.level);
const app = await composeApp(config, log).catch(exitOnWebSetupError);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  app.stop().then(() => process.exit(0), (err: unknown) => {
    log.error({ err: String(err) }, 'unclean stop');
    process.exit(1);
  });
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', (err) => log.error({ err: err instanceof Error ? err.stack : String(err) }, 'unhandled rejection'));

await app.start().catch(exitOnWebSetupError);
