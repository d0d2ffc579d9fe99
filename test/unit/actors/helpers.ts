// Shared helpers for actor tests: temp dirs, a silent logger, record batches, an in-memory
// OwnerControl that records what the controller tells partition owners.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { OwnerControl, PartitionSpec } from '../../../src/actors/controller/controller';
import { buildBatch, decodeBatches } from '../../../src/protocol/record-batch';
import { createLogger } from '../../../src/runtime/logger';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../../src/storage/log';

export const silentLogger = createLogger({ name: 'samsa-unit', level: 'silent' });

export function tempDir(prefix = 'samsa-actors-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function logConfig(over: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...over };
}

/** One batch of `n` records whose values are `${tag}:${i}`. */
export function batch(n: number, tag: string): Buffer {
  return buildBatch(Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`${tag}:${i}`) })));
}

export function valuesOf(records: Buffer | null | undefined): string[] {
  if (!records || records.length === 0) return [];
  return decodeBatches(records).flatMap((b) => b.records.map((r) => String(r.value)));
}

export function offsetsOf(records: Buffer | null | undefined): number[] {
  if (!records || records.length === 0) return [];
  return decodeBatches(records).flatMap((b) => b.records.map((r) => r.offset));
}

export type OwnerCall =
  | { op: 'assign'; handler: number; specs: PartitionSpec[] }
  | { op: 'reconfigure'; handler: number; specs: PartitionSpec[] }
  | { op: 'unassign'; handler: number; parts: { topic: string; partition: number; deleteFiles: boolean }[] };

/** An OwnerControl that records every call; `gate` (when set) holds each call until released. */
export class RecordingOwners implements OwnerControl {
  readonly calls: OwnerCall[] = [];
  gate: Promise<void> | null = null;
  fail: Error | null = null;
  private async record(c: OwnerCall): Promise<void> {
    this.calls.push(c);
    if (this.gate) await this.gate;
    if (this.fail) throw this.fail;
  }
  assign(handler: number, specs: PartitionSpec[]): Promise<void> { return this.record({ op: 'assign', handler, specs }); }
  reconfigure(handler: number, specs: PartitionSpec[]): Promise<void> { return this.record({ op: 'reconfigure', handler, specs }); }
  unassign(handler: number, parts: { topic: string; partition: number; deleteFiles: boolean }[]): Promise<void> {
    return this.record({ op: 'unassign', handler, parts });
  }
  /** [handler, topic, partition] of every spec or part told with `op`, sorted. */
  told(op: OwnerCall['op']): [number, string, number][] {
    const out: [number, string, number][] = [];
    for (const c of this.calls) {
      if (c.op !== op) continue;
      const items = c.op === 'unassign' ? c.parts : c.specs;
      for (const s of items) out.push([c.handler, s.topic, s.partition]);
    }
    return out.sort((a, b) => a[1].localeCompare(b[1]) || a[2] - b[2] || a[0] - b[0]);
  }
  clear(): void { this.calls.length = 0; }
}

/** A promise plus its resolve, for holding work until a test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
