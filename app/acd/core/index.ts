// The ACD's functional core: see acd.ts for the contract and docs/architecture.md ("ACD core").
export { AcdCore } from './acd.js';
export { AgentConfigSchema, QueueConfigSchema, agentConfig, queueConfig } from './config.js';
export type * from './types.js';
