// The log cleaner of one handler: picks compacted partitions that need a pass (filthiest first),
// runs each pass as a stateless task on its own piscina pool (off the actors' thread: the task only
// reads segment files and writes `.cleaned` files), then lets the partition's log swap the result
// in on the handler's thread between actor messages. At most one pass per partition at a time;
// the number of passes running at once across all handlers is bounded by cleaner-slots.ts. Errors
// are logged and back the partition off; they never reach the handler.
import * as path from 'path';
import { Piscina } from 'piscina';
import { SamsaError, SamsaErrorCode, SamsaErrors } from '../../runtime/samsa-error';
import { isCompacted } from '../config';
import { PartitionLog } from '../log';
import { CleaningCandidate, CleaningReason, DEFAULT_MAX_MAP_ENTRIES } from './cleaning-plan';
import { AppliedCleaning, discardCleaned } from './segment-swap';
import { acquireCleanerSlot, releaseCleanerSlot, renewCleanerSlot } from './cleaner-slots';
import type { CleaningResult, CleaningStats } from './types';

export interface CleanerLogger { info: Function; warn: Function; error: Function }

export interface LogCleanerOptions {
  logger: CleanerLogger;
  /** Pool threads (default 1). */
  threads?: number;
  /** An idle pool thread exits after this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Distinct keys per pass before it stops early (default 1,000,000). */
  maxMapEntries?: number;
  /** Passes this cleaner runs at once (default: threads). */
  maxConcurrent?: number;
  /** Take a process-wide slot per pass (default true). */
  globalSlots?: boolean;
  /** After a failed pass the partition is left alone this long (default 60 s). */
  failureBackoffMs?: number;
}

/** A partition the cleaner may clean: its log, and a name for the logs. */
export interface Cleanable { log: PartitionLog; spec?: { topic: string; partition: number } }

export interface CleaningOutcome {
  dir: string;
  reason: CleaningReason;
  dirtyRatio: number;
  endOffset: number;
  applied: AppliedCleaning;
  stats: CleaningStats;
}

type WorkerReply = CleaningResult | { error: { code: string; message: string } };

export class LogCleaner {
  private pool: Piscina | null = null;
  private readonly running = new Map<string, { promise: Promise<CleaningOutcome | null>; slot: number }>();
  private readonly backoff = new Map<string, number>();
  private closed = false;
  private readonly threads: number;
  private readonly maxConcurrent: number;

  constructor(private readonly opts: LogCleanerOptions) {
    this.threads = Math.max(1, opts.threads ?? 1);
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? this.threads);
  }

  /** Passes in flight. */
  get inProgress(): number { return this.running.size; }

  /** True while a pass of the partition in `dir` runs. */
  isCleaning(dir: string): boolean { return this.running.has(dir); }

  /**
   * Starts passes for the compacted partitions that need one, filthiest first, as far as free
   * capacity allows. Returns how many were started. Never throws.
   */
  maybeClean(parts: Iterable<Cleanable>, now: number): number {
    if (this.closed) return 0;
    for (const r of this.running.values()) renewCleanerSlot(r.slot);
    let free = this.maxConcurrent - this.running.size;
    if (free <= 0) return 0;
    const wallNow = Date.now();
    const found: { part: Cleanable; c: CleaningCandidate }[] = [];
    for (const part of parts) {
      const { log } = part;
      if (!log.isOpen || !isCompacted(log.config) || this.running.has(log.dir)) continue;
      if ((this.backoff.get(log.dir) ?? 0) > wallNow) continue;
      try {
        const c = log.compactionCandidate(now, this.opts.maxMapEntries ?? DEFAULT_MAX_MAP_ENTRIES);
        if (c) found.push({ part, c });
      } catch (err) {
        this.failed(part, err, 'planning a cleaning pass failed');
      }
    }
    found.sort((a, b) => urgency(b.c) - urgency(a.c));
    let started = 0;
    for (const { part, c } of found) {
      if (free <= 0) break;
      let slot = -1;
      if (this.opts.globalSlots !== false) {
        slot = acquireCleanerSlot(wallNow);
        if (slot < 0) break;
      }
      void this.start(part, c, slot);
      free--;
      started++;
    }
    return started;
  }

  /** Runs a pass of one partition now if it needs one (no global slot); resolves after the swap. */
  clean(part: Cleanable | PartitionLog, now?: number): Promise<CleaningOutcome | null> {
    const p: Cleanable = part instanceof PartitionLog ? { log: part } : part;
    const busy = this.running.get(p.log.dir);
    if (busy) return busy.promise.then(() => this.clean(p, now));
    if (this.closed || !p.log.isOpen) return Promise.resolve(null);
    let c: CleaningCandidate | null;
    try {
      c = p.log.compactionCandidate(now, this.opts.maxMapEntries ?? DEFAULT_MAX_MAP_ENTRIES);
    } catch (err) {
      return Promise.reject(err);
    }
    return c === null ? Promise.resolve(null) : this.start(p, c, -1, true);
  }

  /** Waits for every pass in flight. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  /** Stops the pool; passes in flight are abandoned and their files removed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy().catch(() => undefined);
    await Promise.allSettled([...this.running.values()].map((r) => r.promise));
  }

  private getPool(): Piscina {
    if (this.pool === null) {
      this.pool = new Piscina({
        filename: path.join(__dirname, 'clean-worker.js'),
        name: 'cleanLog',
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: this.opts.idleTimeoutMs ?? 30_000,
        trackUnmanagedFds: true,
      });
      this.pool.on('error', (err: unknown) => this.opts.logger.error({ err }, 'log cleaner pool error'));
    }
    return this.pool;
  }

  private start(part: Cleanable, c: CleaningCandidate, slot: number, rethrow = false): Promise<CleaningOutcome | null> {
    const { log } = part;
    const dir = log.dir;
    const run = async (): Promise<CleaningOutcome | null> => {
      let result: CleaningResult | null = null;
      try {
        const reply = await this.getPool().run(c.task, { name: 'cleanLog' }) as WorkerReply;
        if ('error' in reply) throw errorFrom(reply.error);
        result = reply;
        // back on the handler's thread: the quick part, between actor messages
        const applied = log.isOpen ? log.applyCleaned(result) : discarded(result);
        const outcome: CleaningOutcome = { dir, reason: c.reason, dirtyRatio: c.dirtyRatio, endOffset: result.endOffset, applied, stats: result.stats };
        this.backoff.delete(dir);
        this.opts.logger.info({
          ...names(part), dir, reason: c.reason, dirtyRatio: round(c.dirtyRatio), firstDirtyOffset: c.task.firstDirtyOffset,
          endOffset: result.endOffset, segmentsSwapped: applied.swapped, groupsDiscarded: applied.discarded, ...result.stats,
          durationMs: Math.round(result.stats.durationMs),
        }, 'log cleaner pass finished');
        return outcome;
      } catch (err) {
        if (result !== null) { try { discardCleaned(result); } catch { /* best effort */ } }
        this.failed(part, err, 'log cleaner pass failed');
        if (rethrow) throw err;
        return null;
      }
    };
    const promise = run().finally(() => {
      this.running.delete(dir);
      releaseCleanerSlot(slot);
    });
    this.running.set(dir, { promise, slot });
    return promise;
  }

  private failed(part: Cleanable, err: unknown, msg: string): void {
    this.backoff.set(part.log.dir, Date.now() + (this.opts.failureBackoffMs ?? 60_000));
    if (this.closed) return;
    // a partition closed or deleted under a running pass: its files went away, nothing is wrong
    if (!part.log.isOpen) this.opts.logger.info({ err: String(err), ...names(part), dir: part.log.dir }, `${msg} (partition closed meanwhile)`);
    else this.opts.logger.error({ err, ...names(part), dir: part.log.dir }, msg);
  }
}

/** Forced passes first, then the highest dirty ratio (Kafka's "filthiest log"). */
function urgency(c: CleaningCandidate): number {
  return (c.reason === 'dirty-ratio' ? 0 : 2) + c.dirtyRatio;
}

function discarded(result: CleaningResult): AppliedCleaning {
  discardCleaned(result);
  return { swapped: 0, discarded: result.groups.length };
}

function names(part: Cleanable): object {
  return part.spec ? { topic: part.spec.topic, partition: part.spec.partition } : {};
}

function round(x: number): number { return Math.round(x * 1000) / 1000; }

function errorFrom(e: { code: string; message: string }): SamsaError {
  const err = new SamsaError((e.code in SamsaErrors ? e.code : 'SAMSA_ERR_INTERNAL') as SamsaErrorCode);
  err.message = e.message;
  return err;
}
