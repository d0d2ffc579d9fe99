// Shared helpers for storage tests: temp dirs, batches, a fake clock, a recording logger.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildBatch, decodeBatches } from '../../../src/protocol/record-batch';
import { DEFAULT_LOG_CONFIG, LogConfig } from '../../../src/storage/config';
import { SamsaError, SamsaErrorCode } from '../../../src/runtime/samsa-error';
import { expect } from 'chai';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-storage-'));
}

export function rmDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function config(over: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...over };
}

/** A batch of n records whose values say which batch/record they are. */
export function batch(n: number, tag: string, opts: { ts?: number; valueSize?: number; compression?: 0 | 1 | 2 | 3 | 4 } = {}): Buffer {
  const recs = [];
  for (let i = 0; i < n; i++) {
    const v = `${tag}:${i}`;
    recs.push({ key: null, value: Buffer.from(opts.valueSize ? v.padEnd(opts.valueSize, '.') : v), timestamp: opts.ts });
  }
  return buildBatch(recs, { compression: opts.compression, now: opts.ts ?? 1_000 });
}

/** Offsets of all records in a read result. */
export function offsetsOf(records: Buffer): number[] {
  return decodeBatches(records).flatMap((b) => b.records.map((r) => r.offset));
}

export function valuesOf(records: Buffer): string[] {
  return decodeBatches(records).flatMap((b) => b.records.map((r) => String(r.value)));
}

export class FakeClock {
  constructor(public t = 1_700_000_000_000) {}
  readonly now = (): number => this.t;
  advance(ms: number): void { this.t += ms; }
}

export class RecordingLogger {
  readonly infos: unknown[][] = [];
  readonly warns: unknown[][] = [];
  info = (...args: unknown[]): void => { this.infos.push(args); };
  warn = (...args: unknown[]): void => { this.warns.push(args); };
}

export function expectSamsa(fn: () => unknown, code: SamsaErrorCode): SamsaError {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, `expected ${code}`).to.be.instanceOf(SamsaError);
  expect((err as SamsaError).code).to.equal(code);
  return err as SamsaError;
}

export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Simulates a crash: file descriptors go away, nothing is flushed or checkpointed. */
export function crash(log: unknown): void {
  for (const s of (log as { segments: { close(): void }[] }).segments) s.close();
}

/** [position, size, baseOffset] of each batch in a .log file. */
export function batchesInFile(file: string): [number, number, number][] {
  const buf = fs.readFileSync(file);
  const out: [number, number, number][] = [];
  for (let pos = 0; pos + 12 <= buf.length;) {
    const size = 12 + buf.readInt32BE(pos + 8);
    if (pos + size > buf.length) break;
    out.push([pos, size, Number(buf.readBigInt64BE(pos))]);
    pos += size;
  }
  return out;
}

export function flipByte(file: string, position: number): void {
  const fd = fs.openSync(file, 'r+');
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, position);
  b[0] ^= 0x40;
  fs.writeSync(fd, b, 0, 1, position);
  fs.closeSync(fd);
}
