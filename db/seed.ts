// Copies the site and tenant configuration (pbx-config, validated at start-up) into the
// database, which the history's foreign keys need. Idempotent: a second run with the same
// configuration writes nothing. Numbers that left the configuration are deactivated, never
// deleted, because calls reference them; tenants and lines that left it stay for the same reason.
import { Op, type Attributes, type CreationAttributes, type Model, type ModelStatic, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Site as SiteConfig } from '../pbx-config/schema/site.js';
import { crossTenantIssues, type Tenant as TenantConfig } from '../pbx-config/schema/tenant.js';
import { initModels } from './models/index.js';

export interface SeedTally {
  /** Rows the configuration describes. */
  total: number;
  created: number;
  updated: number;
}

export interface SeedCounts {
  sites: SeedTally;
  tenants: SeedTally;
  lines: SeedTally;
  numbers: SeedTally & { deactivated: number };
}

const tally = (): SeedTally => ({ total: 0, created: 0, updated: 0 });

/** Finds the row by its natural key, then creates it or updates only what differs. */
async function upsert<M extends Model>(
  model: ModelStatic<M>,
  where: WhereOptions<Attributes<M>>,
  values: CreationAttributes<M>,
  transaction: Transaction,
  count: SeedTally,
): Promise<M> {
  count.total += 1;
  const row = await model.findOne({ where, transaction });
  if (!row) {
    count.created += 1;
    return model.create(values, { transaction });
  }
  row.set(values);
  if (row.changed()) {
    count.updated += 1;
    await row.save({ transaction });
  }
  return row;
}

export async function seedFromConfig(sequelize: Sequelize, site: SiteConfig, tenants: TenantConfig[]): Promise<SeedCounts> {
  const issues = crossTenantIssues(tenants);
  if (issues.length > 0) {
    throw new Error(`tenant configuration: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const m = initModels(sequelize);
  return sequelize.transaction(async (transaction) => {
    const counts: SeedCounts = { sites: tally(), tenants: tally(), lines: tally(), numbers: { ...tally(), deactivated: 0 } };
    const { name, role, country, hostname } = site;
    await upsert(m.Site, { name }, { name, role, country, hostname }, transaction, counts.sites);

    for (const t of tenants) {
      const tenant = await upsert(m.Tenant, { slug: t.slug }, {
        slug: t.slug, name: t.name, country: t.country, timezone: t.timezone, languages: [...t.languages],
      }, transaction, counts.tenants);
      const lineIds = new Map<string, number>();
      for (const l of t.lines) {
        const line = await upsert(m.Line, { tenantId: tenant.id, slug: l.id }, {
          tenantId: tenant.id, slug: l.id, label: l.label,
        }, transaction, counts.lines);
        lineIds.set(l.id, line.id);
      }
      for (const n of t.numbers) {
        const lineId = lineIds.get(n.line);
        if (lineId === undefined) throw new Error(`tenant ${t.slug}: number ${n.did} names unknown line "${n.line}"`);
        // Keyed by the DID alone: a DID moved to another tenant follows it (past calls keep theirs).
        await upsert(m.PhoneNumber, { did: n.did }, {
          did: n.did, tenantId: tenant.id, lineId, active: true,
        }, transaction, counts.numbers);
      }
    }

    const configured = tenants.flatMap((t) => t.numbers.map((n) => n.did));
    const where = configured.length > 0 ? { active: true, did: { [Op.notIn]: configured } } : { active: true };
    const [deactivated] = await m.PhoneNumber.update({ active: false }, { where, transaction });
    counts.numbers.deactivated = deactivated;
    return counts;
  });
}
