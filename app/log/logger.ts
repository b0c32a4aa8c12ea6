// Structured logs (pino, JSON lines on stdout; the service manager keeps them).
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'ccapp' }, timestamp: pino.stdTimeFunctions.isoTime });
}
