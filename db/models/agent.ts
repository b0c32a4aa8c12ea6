// An agent (téléconseiller) of a tenant: skills, SIP credentials for their desk phone and the
// presence they chose. Deleted agents are kept (paranoid) so history keeps its references.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize,
} from 'sequelize';
import type { Tenant } from './tenant.js';

export type AgentPresence = 'logged_out' | 'available' | 'paused';
export interface AgentSkillRow { name: string; value: string; level: number }

export class Agent extends Model<InferAttributes<Agent>, InferCreationAttributes<Agent>> {
  declare id: string;
  declare tenantId: ForeignKey<Tenant['id']>;
  /** Digits the agent types with feature codes and sees in the panel. Unique per tenant. */
  declare login: string;
  declare name: string;
  /** The phone's SIP user name, also the PJSIP endpoint, auth and aor id. Unique. */
  declare sipUsername: string;
  /** MD5(username:realm:password), what PJSIP's md5 auth needs; the password is never stored. */
  declare sipHa1: string;
  declare skills: AgentSkillRow[];
  declare presence: CreationOptional<AgentPresence>;
  declare pauseReason: CreationOptional<string | null>;
  declare presenceSince: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

/** Binds a fresh subclass of Agent to this Sequelize instance (see models/index.ts). */
export function defineAgent(sequelize: Sequelize): typeof Agent {
  const M = class extends Agent {};
  M.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      login: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(120), allowNull: false },
      sipUsername: { type: DataTypes.STRING(64), allowNull: false },
      sipHa1: { type: DataTypes.CHAR(32), allowNull: false },
      skills: {
        type: DataTypes.JSON, allowNull: false,
        // MariaDB keeps JSON as LONGTEXT: the driver may hand back the text.
        get(): AgentSkillRow[] {
          const raw: unknown = this.getDataValue('skills');
          return (typeof raw === 'string' ? JSON.parse(raw) : raw) as AgentSkillRow[];
        },
      },
      presence: { type: DataTypes.ENUM('logged_out', 'available', 'paused'), allowNull: false, defaultValue: 'logged_out' },
      pauseReason: { type: DataTypes.STRING(64), allowNull: true },
      presenceSince: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
      deletedAt: { type: DataTypes.DATE(3), allowNull: true },
    },
    { sequelize, modelName: 'Agent', tableName: 'agents', underscored: true, paranoid: true },
  );
  return M;
}
