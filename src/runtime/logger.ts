// JSON logs on stderr (pino). Level: opts.level, else SAMSA_LOG_LEVEL, else info.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(opts: { name?: string; level?: string } = {}): pino.Logger {
  const level = opts.level ?? process.env.SAMSA_LOG_LEVEL ?? 'info';
  return pino(
    { name: opts.name ?? 'samsa', level, base: { pid: process.pid } },
    pino.destination({ dest: 2, sync: true }),
  );
}
