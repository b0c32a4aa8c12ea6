// What the app uses from db/: the connection, the models, migrations, the seed and the
// exactly-once event writer.
export { createSequelize, utcDateTime, type DbConnectionOptions } from './connection.js';
export {
  initModels,
  UUID_RE, API_ROLES, PROMPT_FORMATS, PROMPT_NAME_RE,
  type Models, type ApiToken, type ApiRole, type PromptVersion, type PromptFormat,
  type Tenant, type Site, type Line, type PhoneNumber, type Call, type CallEvent, type Recording,
  type Country, type Language, type SiteRole, type CallDirection, type JsonValue,
} from './models/index.js';
export {
  createMigrator, migrateUp, migrateDown, MIGRATIONS_DIR, STORAGE_TABLE,
  type Migration, type MigrationContext, type MigrationLog,
} from './migrate.js';
export { seedFromConfig, type SeedCounts, type SeedTally } from './seed.js';
export { insertEventsIgnoringDuplicates, type CallEventRow } from './events.js';
