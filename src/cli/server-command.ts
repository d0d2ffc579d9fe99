// samsa server start [server.properties] [--override key=value]...
import { loadServerConfig, ConfigError } from '../config/server-config';
import { createLogger } from '../runtime/logger';

export interface ServerStartOptions { override?: string[] }

export async function serverStart(file: string | undefined, opts: ServerStartOptions, stderr: NodeJS.WritableStream): Promise<number> {
  let loaded;
  try {
    loaded = loadServerConfig(file, opts.override ?? []);
  } catch (err) {
    if (err instanceof ConfigError) { stderr.write(`samsa: ${err.message}\n`); return 1; }
    throw err;
  }
  const logger = createLogger({ name: 'samsa' });
  for (const w of loaded.warnings) logger.warn(w);
  const { startServer } = await import('../broker');
  const handle = await startServer(loaded.config, { logger });
  const signal = await new Promise<string>((resolve) => {
    const onSig = (s: string) => { process.off('SIGINT', onSig); process.off('SIGTERM', onSig); resolve(s); };
    process.on('SIGINT', onSig);
    process.on('SIGTERM', onSig);
  });
  logger.info({ signal }, 'samsa stopping');
  await handle.stop();
  logger.info('samsa stopped');
  return 0;
}
