// One call leg as the app saw it, in or out. The id is a UUID the app generates before it
// touches Asterisk, so a retried write after a crash updates the same row.
import {
  DataTypes, Model,
  type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes,
  type NonAttribute, type Sequelize,
} from 'sequelize';
import type { CallEvent } from './call-event.js';
import type { Line } from './line.js';
import type { PhoneNumber } from './phone-number.js';
import type { Recording } from './recording.js';
import type { Site } from './site.js';
import type { Tenant } from './tenant.js';

/** Any RFC 9562 UUID in its lower-case text form (v4 from randomUUID, or time-ordered v7). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type CallDirection = 'inbound' | 'outbound';
export const CALL_DIRECTIONS: readonly CallDirection[] = ['inbound', 'outbound'];

export class Call extends Model<InferAttributes<Call>, InferCreationAttributes<Call>> {
  declare id: string;
  declare tenantId: ForeignKey<Tenant['id']>;
  declare siteId: ForeignKey<Site['id']> | null;
  declare numberId: ForeignKey<PhoneNumber['id']> | null;
  declare lineId: ForeignKey<Line['id']> | null;
  declare direction: CallDirection;
  /** Inbound: the DID that was dialled. Outbound: the number we dialled. */
  declare did: string;
  declare callerId: CreationOptional<string | null>;
  /** Asterisk's channel id (ARI channelId) of the caller's leg. */
  declare channelId: string;
  declare startedAt: Date;
  declare answeredAt: CreationOptional<Date | null>;
  declare endedAt: CreationOptional<Date | null>;
  /** Q.850 cause from Asterisk's ChannelDestroyed. */
  declare hangupCause: CreationOptional<number | null>;
  declare hangupReason: CreationOptional<string | null>;

  declare tenant?: NonAttribute<Tenant>;
  declare events?: NonAttribute<CallEvent[]>;
  declare recordings?: NonAttribute<Recording[]>;
}

/** Binds a fresh subclass of Call to this Sequelize instance (see models/index.ts). */
export function defineCall(sequelize: Sequelize): typeof Call {
  const M = class extends Call {};
  M.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true, validate: { is: UUID_RE } },
      tenantId: { type: DataTypes.INTEGER, allowNull: false },
      siteId: { type: DataTypes.INTEGER, allowNull: true },
      numberId: { type: DataTypes.INTEGER, allowNull: true },
      lineId: { type: DataTypes.INTEGER, allowNull: true },
      direction: { type: DataTypes.ENUM(...CALL_DIRECTIONS), allowNull: false },
      did: { type: DataTypes.STRING(32), allowNull: false },
      callerId: { type: DataTypes.STRING(80), allowNull: true },
      channelId: { type: DataTypes.STRING(150), allowNull: false },
      startedAt: { type: DataTypes.DATE(3), allowNull: false },
      answeredAt: { type: DataTypes.DATE(3), allowNull: true },
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      hangupCause: { type: DataTypes.INTEGER, allowNull: true },
      hangupReason: { type: DataTypes.STRING(255), allowNull: true },
    },
    {
      sequelize, modelName: 'Call', tableName: 'calls', underscored: true, timestamps: false,
      indexes: [
        { name: 'calls_tenant_started', fields: ['tenant_id', 'started_at'] },
        { name: 'calls_channel', fields: ['channel_id'] },
        { name: 'calls_tenant_caller', fields: ['tenant_id', 'caller_id', 'started_at'] },
      ],
    },
  );
  return M;
}
