// Tenant, line, number and site ids by their configured names, read from MariaDB once and
// re-read when a name is missing (the seed may have added it since).
import type { Models } from '../../db/models/index.js';
import type { Transaction } from 'sequelize';

export class Directory {
  private tenants = new Map<string, number>();
  private numbers = new Map<string, { id: number; lineId: number }>();
  private lines = new Map<string, number>();
  private sites = new Map<string, number>();

  constructor(private readonly models: Models) {}

  private async reload(transaction?: Transaction): Promise<void> {
    const { Tenant, PhoneNumber, Line, Site } = this.models;
    const opts = transaction ? { transaction } : {};
    const [tenants, numbers, lines, sites] = await Promise.all([
      Tenant.findAll(opts), PhoneNumber.findAll(opts), Line.findAll(opts), Site.findAll(opts),
    ]);
    this.tenants = new Map(tenants.map((t) => [t.slug, t.id]));
    this.numbers = new Map(numbers.map((n) => [n.did, { id: n.id, lineId: n.lineId }]));
    this.lines = new Map(lines.map((l) => [`${l.tenantId}/${l.slug}`, l.id]));
    this.sites = new Map(sites.map((s) => [s.name, s.id]));
  }

  async tenantId(slug: string, transaction?: Transaction): Promise<number | undefined> {
    if (!this.tenants.has(slug)) await this.reload(transaction);
    return this.tenants.get(slug);
  }

  async number(did: string, transaction?: Transaction): Promise<{ id: number; lineId: number } | undefined> {
    if (!this.numbers.has(did)) await this.reload(transaction);
    return this.numbers.get(did);
  }

  async lineId(tenantId: number, slug: string, transaction?: Transaction): Promise<number | undefined> {
    const key = `${tenantId}/${slug}`;
    if (!this.lines.has(key)) await this.reload(transaction);
    return this.lines.get(key);
  }

  async siteId(name: string, transaction?: Transaction): Promise<number | undefined> {
    if (!this.sites.has(name)) await this.reload(transaction);
    return this.sites.get(name);
  }
}
