// Agents as stored in MariaDB: creation with generated SIP credentials, deletion (soft), skills,
// and the presence each agent chose. The ACD and the phone provisioner read agents from here.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { Agent as AgentRow, AgentPresence, AgentSkillRow, Models } from '../../db/models/index.js';
import type { TenantRef } from '../auth/tenant-access.js';
import { ConflictError, NotFoundError } from '../errors/domain.js';
import { newSipPassword, sipHa1, sipUsernameFor } from './credentials.js';

export interface AgentRecord {
  id: string;
  tenant: string;
  login: string;
  name: string;
  sipUsername: string;
  sipHa1: string;
  skills: AgentSkillRow[];
  presence: AgentPresence;
  pauseReason: string | null;
}

export interface NewAgent {
  login: string;
  name: string;
  skills: AgentSkillRow[];
}

type Deps = Pick<Models, 'Agent' | 'Tenant'>;

export class AgentDirectory {
  constructor(private readonly models: Deps) {}

  /** Every agent not deleted, with its tenant's slug. */
  async all(): Promise<AgentRecord[]> {
    const tenants = new Map((await this.models.Tenant.findAll({ attributes: ['id', 'slug'] })).map((t) => [t.id, t.slug]));
    const rows = await this.models.Agent.findAll({ order: [['createdAt', 'ASC'], ['id', 'ASC']] });
    return rows.map((r) => record(r, tenants.get(r.tenantId) ?? '?'));
  }

  /** Creates the agent; the SIP password is returned here once and never stored. */
  async create(tenant: TenantRef, input: NewAgent): Promise<{ agent: AgentRecord; sipPassword: string }> {
    const sipUsername = sipUsernameFor(tenant.slug, input.login);
    const sipPassword = newSipPassword();
    try {
      const row = await this.models.Agent.create({
        id: randomUUID(), tenantId: tenant.id, login: input.login, name: input.name, sipUsername,
        sipHa1: sipHa1(sipUsername, sipPassword), skills: input.skills,
      });
      return { agent: record(row, tenant.slug), sipPassword };
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw new ConflictError('agent.login_taken', `login ${input.login} is already used in this tenant`, { login: input.login });
      throw err;
    }
  }

  async remove(tenant: TenantRef, id: string): Promise<AgentRecord> {
    const row = await this.find(tenant, id);
    await row.destroy();
    return record(row, tenant.slug);
  }

  async find(tenant: TenantRef, id: string): Promise<AgentRow> {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.models.Agent.findOne({ where: { id, tenantId: tenant.id } }) : null;
    if (!row) throw new NotFoundError('agent.not_found', `no agent ${id} in this tenant`, { agent: id });
    return row;
  }

  async setPresence(id: string, presence: AgentPresence, reason: string | null, at: Date): Promise<void> {
    await this.models.Agent.update({ presence, pauseReason: presence === 'paused' ? reason : null, presenceSince: at }, { where: { id } });
  }
}

function record(r: AgentRow, tenant: string): AgentRecord {
  return {
    id: r.id, tenant, login: r.login, name: r.name, sipUsername: r.sipUsername, sipHa1: r.sipHa1,
    skills: r.skills, presence: r.presence, pauseReason: r.pauseReason,
  };
}
