// Partition actors on real temp-dir logs, a lookup over them, and reply capture.
import * as path from 'path';
import { PartitionActor, partitionKey } from '../../../../src/actors/partition/partition-actor';
import type { Lookup, Reply } from '../../../../src/actors/partition/partition-ops';
import type { LogConfig } from '../../../../src/storage/log';
import { logConfig, rmDir, silentLogger, tempDir } from '../helpers';

export class PartitionRig {
  readonly root = tempDir('samsa-partition-');
  readonly actors = new Map<string, PartitionActor>();
  readonly lookup: Lookup = (t, p) => this.actors.get(partitionKey(t, p));

  open(topic: string, partition: number, over: Partial<LogConfig> = {}): PartitionActor {
    const a = new PartitionActor({ topic, partition, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', dir: path.join(this.root, `${topic}-${partition}`), logConfig: logConfig(over) }, true, silentLogger);
    this.actors.set(partitionKey(topic, partition), a);
    return a;
  }

  remove(topic: string, partition: number): void {
    const a = this.actors.get(partitionKey(topic, partition));
    this.actors.delete(partitionKey(topic, partition));
    a?.log.close();
  }

  cleanup(): void {
    for (const a of this.actors.values()) { try { a.log.close(); } catch { /* already closed */ } }
    this.actors.clear();
    rmDir(this.root);
  }
}

export interface Captured { env: any; payload: Buffer | null }

/** A Reply that records what it is given (payload arrays are joined), and a way to await the next one. */
export class Replies {
  readonly got: Captured[] = [];
  private waiters: { n: number; resolve: (c: Captured) => void }[] = [];
  readonly fn: Reply = (env, payload) => {
    const p = payload == null ? null : Buffer.isBuffer(payload) ? payload : Buffer.concat(payload);
    this.got.push({ env, payload: p });
    const ready = this.waiters.filter((w) => w.n < this.got.length);
    this.waiters = this.waiters.filter((w) => w.n >= this.got.length);
    for (const w of ready) w.resolve(this.got[w.n]);
  };
  /** Resolves with reply number `n` (0-based) once it has arrived. */
  nth(n: number): Promise<Captured> {
    if (this.got.length > n) return Promise.resolve(this.got[n]);
    return new Promise((resolve) => { this.waiters.push({ n, resolve }); });
  }
}

/** The records of part `i` of a fetch reply (parts are [errorCode, hw, logStart, length, pad before the records]). */
export function recordsOf(c: Captured, i: number): Buffer {
  const parts = c.env.parts as [number, number, number, number, number?][];
  let pos = 0;
  for (let k = 0; k < i; k++) if (parts[k][3] > 0) pos += (parts[k][4] ?? 0) + parts[k][3];
  if (parts[i][3] > 0) pos += parts[i][4] ?? 0;
  return (c.payload ?? Buffer.alloc(0)).subarray(pos, pos + parts[i][3]);
}
