// Start a real broker for a test: 127.0.0.1, port 0, a temporary log dir, quiet logs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startServer, type BrokerHandle } from '../../src/broker';
import { loadServerConfig } from '../../src/config/server-config';
import { createLogger } from '../../src/runtime/logger';

export interface TestBroker extends BrokerHandle { dataDir: string; cleanup(): Promise<void> }

export function tempDir(prefix = 'samsa-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestBroker(overrides: Record<string, string | number | boolean> = {}, dataDir = tempDir()): Promise<TestBroker> {
  const all: Record<string, string> = {
    'listeners': 'PLAINTEXT://127.0.0.1:0',
    'log.dirs': dataDir,
    'num.network.threads': '1',
    'num.io.threads': '1',
  };
  for (const [k, v] of Object.entries(overrides)) all[k] = String(v);
  const { config } = loadServerConfig(undefined, Object.entries(all).map(([k, v]) => `${k}=${v}`));
  const logger = createLogger({ name: 'samsa-test', level: process.env.SAMSA_TEST_LOG_LEVEL ?? 'error' });
  const broker = await startServer(config, { logger });
  return Object.assign(broker, {
    dataDir,
    async cleanup() {
      await broker.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Read `count` records of one partition from `offset` with samsa's own consumer (or fail after timeoutMs). */
export async function readPartition(bootstrap: string, topic: string, partition: number, offset: number, count: number, timeoutMs = 15000) {
  const { Consumer } = await import('../../src/client/consumer');
  const consumer = new Consumer({ bootstrap, maxWaitMs: 100 });
  const out: import('../../src/client/consumer').ConsumedRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    await consumer.assign([{ topic, partition, offset }]);
    while (out.length < count && Date.now() < deadline) out.push(...(await consumer.poll()));
  } finally {
    await consumer.close();
  }
  return out;
}
