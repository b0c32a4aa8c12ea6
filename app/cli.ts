// Administration commands, run inside the appliance (as user ccapp):
//   cli.js check            validate the whole configuration and list every problem
//   cli.js prestart         check, render Asterisk's configuration, migrate and seed MariaDB
//   cli.js migrate up|down  run or revert database migrations
//   cli.js token create --tenant <slug|-> --role <role> --name <text>   print a new API token once
//   cli.js token revoke <id>
//   cli.js user create|list|reset-password|disable ...   people's accounts (see USER_USAGE)
//   cli.js kpi rebuild --tenant <slug> --from <ISO> --to <ISO>   summarise a period's calls again
import { createSequelize } from '../db/connection.js';
import { migrateDown, migrateUp } from '../db/migrate.js';
import { initModels } from '../db/models/index.js';
import { seedFromConfig } from '../db/seed.js';
import { renderAsteriskConfig } from '../pbx-config/render/index.js';
import { writeAsteriskConfig } from '../pbx-config/write.js';
import { runTokenCommand, TOKEN_USAGE } from './auth/tokens.js';
import { type Config, loadConfig, loadConfigOrExit } from './config/load.js';
import { KPI_USAGE, runKpiCommand } from './kpi/cli.js';
import { runUserCommand, USER_USAGE, userCommandDeps } from './people/cli.js';

async function withDb<T>(config: Config, fn: (s: ReturnType<typeof createSequelize>) => Promise<T>): Promise<T> {
  const sequelize = createSequelize({ ...config.db, password: config.secrets.dbPassword });
  try {
    return await fn(sequelize);
  } finally {
    await sequelize.close();
  }
}

async function prestart(): Promise<void> {
  const config = await loadConfigOrExit();
  const files = renderAsteriskConfig({ site: config.site, tenants: config.tenants, ariPassword: config.secrets.ariPassword, paths: config.paths });
  const { written, unchanged } = await writeAsteriskConfig(config.paths.asteriskConfig, files);
  console.log(`asterisk config: ${written.length} written, ${unchanged.length} unchanged in ${config.paths.asteriskConfig}`);
  await withDb(config, async (sequelize) => {
    const applied = await migrateUp(sequelize);
    console.log(`database: ${applied.length} migration(s) applied`);
    const counts = await seedFromConfig(sequelize, config.site, config.tenants);
    console.log(`seed: ${JSON.stringify(counts)}`);
  });
}

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  switch (command) {
    case 'check': {
      const result = await loadConfig();
      if (result.ok) {
        console.log(`configuration OK: site ${result.config.site.name}, tenants ${result.config.tenants.map((t) => t.slug).join(', ')}`);
        return 0;
      }
      console.error(`configuration refused, ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 78;
    }
    case 'prestart':
      await prestart();
      return 0;
    case 'migrate': {
      if (arg !== 'up' && arg !== 'down') break;
      const config = await loadConfigOrExit();
      await withDb(config, (s) => (arg === 'up' ? migrateUp(s) : migrateDown(s)));
      return 0;
    }
    case 'token': {
      const config = await loadConfigOrExit();
      return withDb(config, (s) => runTokenCommand(argv.slice(1), initModels(s), io));
    }
    case 'user': {
      const config = await loadConfigOrExit();
      return withDb(config, (s) => runUserCommand(argv.slice(1), userCommandDeps(initModels(s)), io));
    }
    case 'kpi':
      return runKpiCommand(argv.slice(1), async (work) => withDb(await loadConfigOrExit(), work), io);
    default:
      break;
  }
  console.error(`usage: cli.js check | prestart | migrate up|down | ${TOKEN_USAGE} | ${USER_USAGE} | ${KPI_USAGE}`);
  return 64;
}

process.exitCode = await main(process.argv.slice(2));
