// A handler host: the actors of one handler worker (num.io.threads of them). It serves
// data-plane requests from every processor over links, and control requests (assign,
// unassign, reconfigure, close) from the controller. It runs inside a worker thread, or
// on the main thread in the single-thread layout.
import type { Logger } from 'pino';
import { PartitionActor, partitionKey, type PartitionSpecLike } from '../actors/partition/partition-actor';
import {
  FetchPurgatory, handleDeleteRecords, handleEpochEnd, handleListOffsets, handleProduce,
} from '../actors/partition/partition-ops';
import { TopicCatalog, type CatalogSnapshot } from '../actors/controller/catalog';
import { GroupHosting, OFFSETS_TOPIC, type HostedGroupConfig } from '../actors/group-coordinator/group-hosting';
import { DEFAULT_GROUP_CONFIG } from '../actors/group-coordinator/types';
import { LogCleaner } from '../storage/cleaner/log-cleaner';
import { forEachBounded } from '../storage/async-sync';
import type { Link } from './link';
import { serveRpc } from './rpc';

export interface HandlerTimers {
  retentionCheckIntervalMs: number;
  flushSchedulerIntervalMs: number;
  /** How often compacted partitions are checked for a cleaning pass (Kafka's log.cleaner.backoff.ms, 15 s); -1: never (log.cleaner.enable=false). */
  cleanerBackoffMs?: number;
  /** Settings of the group coordinator shards this handler hosts. */
  groupConfig?: HostedGroupConfig;
}

export class HandlerHost {
  private partitions = new Map<string, PartitionActor>();
  private purgatory: FetchPurgatory;
  /** Group coordinator shards for the __consumer_offsets partitions this handler owns. */
  readonly groups: GroupHosting;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  /** The topic catalog as the controller last broadcast it (group coordinators read topic metadata). */
  catalog = new TopicCatalog({ version: 0, topics: [] });
  /** Compaction of cleanup.policy=compact partitions; its pool thread starts on first use. */
  readonly cleaner: LogCleaner;

  constructor(readonly index: number, private logger: Logger, timers: HandlerTimers, private now: () => number = Date.now) {
    this.purgatory = new FetchPurgatory((t, p) => this.partitions.get(partitionKey(t, p)));
    this.groups = new GroupHosting(timers.groupConfig ?? DEFAULT_GROUP_CONFIG, () => this.catalog, logger);
    this.cleaner = new LogCleaner({ logger });
    this.every(timers.retentionCheckIntervalMs, () => this.housekeeping());
    this.every(timers.flushSchedulerIntervalMs, () => this.flushTick());
    if (timers.cleanerBackoffMs !== -1) this.every(timers.cleanerBackoffMs ?? 15_000, () => this.cleanerTick());
  }

  /** Kafka's "Long.MAX_VALUE" intervals mean never: no timer for anything past a timer's range. */
  private every(ms: number, fn: () => void): void {
    if (!(ms > 0) || ms > 0x7fffffff) return;
    this.timers.push(setInterval(fn, Math.max(10, ms)).unref());
  }

  updateCatalog(snap: CatalogSnapshot): void {
    if (snap.version >= this.catalog.version) this.catalog = new TopicCatalog(snap);
  }

  get partitionCount(): number { return this.partitions.size; }

  lookup(topic: string, partition: number): PartitionActor | undefined {
    return this.partitions.get(partitionKey(topic, partition));
  }

  /** Serve one processor's data-plane link. */
  attachProcessor(origin: number, link: Link): void {
    const lookup = (t: string, p: number) => this.lookup(t, p);
    serveRpc(link, (env, payload, reply) => {
      switch (env.op) {
        case 'produce': return handleProduce(lookup, env, payload, reply);
        case 'fetch': return this.purgatory.fetch(origin, env, reply);
        case 'fetchWake': return this.purgatory.wake(origin, env.fid);
        case 'listOffsets': return handleListOffsets(lookup, env, reply);
        case 'epochEnd': return handleEpochEnd(lookup, env, reply);
        case 'deleteRecords': return handleDeleteRecords(lookup, env, reply);
        case 'logDirs': return reply({ parts: this.logDirs() });
        case 'group': return this.groups.handle(env, reply);
        case 'listGroups': return reply({ groups: this.groups.listGroups(env.states, env.types) });
        default: throw new Error(`unknown data-plane op ${String(env.op)}`);
      }
    });
  }

  assign(specs: PartitionSpecLike[], cleanShutdown: boolean): void {
    const started = this.now();
    for (const s of specs) {
      const key = partitionKey(s.topic, s.partition);
      if (this.partitions.has(key)) continue;
      const actor = new PartitionActor(s, cleanShutdown, this.logger);
      this.partitions.set(key, actor);
      if (s.topic === OFFSETS_TOPIC) this.groups.open(actor);
    }
    if (specs.length > 0) this.logger.debug({ handler: this.index, partitions: specs.length, ms: this.now() - started }, 'partitions opened');
  }

  unassign(parts: { topic: string; partition: number; deleteFiles: boolean }[]): void {
    const removed = new Set<PartitionActor>();
    for (const { topic, partition, deleteFiles } of parts) {
      const key = partitionKey(topic, partition);
      const a = this.partitions.get(key);
      if (!a) continue;
      this.partitions.delete(key);
      removed.add(a);
      if (topic === OFFSETS_TOPIC) this.groups.close(partition);
      if (deleteFiles) a.log.deleteFiles();
      else a.log.close();
    }
    if (removed.size > 0) this.purgatory.completeWatching(removed);
  }

  reconfigure(specs: PartitionSpecLike[]): void {
    for (const s of specs) this.lookup(s.topic, s.partition)?.log.updateConfig(s.logConfig);
  }

  private logDirs(): [string, number, string, number][] {
    const out: [string, number, string, number][] = [];
    for (const a of this.partitions.values()) out.push([a.spec.topic, a.spec.partition, a.spec.dir, a.log.sizeBytes]);
    return out;
  }

  private housekeeping(): void {
    const now = this.now();
    for (const a of this.partitions.values()) {
      try {
        a.log.maybeRoll(now);
        const n = a.log.applyRetention(now);
        if (n > 0) this.logger.info({ topic: a.spec.topic, partition: a.spec.partition, segments: n, logStartOffset: a.log.logStartOffset }, 'retention deleted segments');
      } catch (err) {
        this.logger.error({ err, topic: a.spec.topic, partition: a.spec.partition }, 'retention failed');
      }
    }
    this.cleanerTick();
  }

  /** Starts log-cleaner passes for compacted partitions that need one (they run off this thread). */
  private cleanerTick(): void {
    if (this.closed) return;
    try { this.cleaner.maybeClean(this.partitions.values(), this.now()); } catch (err) { this.logger.error({ err }, 'log cleaner failed'); }
  }

  private flushTick(): void {
    const now = this.now();
    for (const a of this.partitions.values()) {
      try { a.log.maybeFlush(now); } catch (err) { this.logger.error({ err }, 'flush failed'); }
    }
  }

  /** Answer every parked fetch now (shutdown: in-flight requests must finish). */
  wakeParked(): void { this.purgatory.completeAll(); }

  /** Stops timers and the cleaner, answers parked fetches, closes the group shards; returns the partitions to close. */
  private beginClose(): PartitionActor[] {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.cleaner.close().catch((err: unknown) => this.logger.error({ err }, 'log cleaner close failed'));
    this.purgatory.completeAll();
    this.groups.closeAll();
    const actors = [...this.partitions.values()];
    this.partitions.clear();
    return actors;
  }

  /** Answer parked fetches, flush and checkpoint every log (one after another, synchronously). */
  close(): void {
    if (this.closed) return;
    for (const a of this.beginClose()) {
      try { a.log.close(); } catch (err) { this.logger.error({ err, topic: a.spec.topic, partition: a.spec.partition }, 'close failed'); }
    }
  }

  /**
   * The shutdown path: close() with the logs' fsyncs and checkpoint writes running concurrently
   * on the libuv thread pool (at most CLOSE_CONCURRENCY partitions at once; a partition with
   * nothing unflushed costs no I/O). Resolves once every log is durable and closed: true if every
   * one closed cleanly, false if any failed (logged; the broker then writes no clean-shutdown
   * marker, so the next start recovers).
   */
  async closeAsync(): Promise<boolean> {
    if (this.closed) return true;
    const started = this.now();
    const actors = this.beginClose();
    const errors = await forEachBounded(actors, CLOSE_CONCURRENCY, (a) => a.log.closeAsync());
    let failed = 0;
    errors.forEach((err, i) => {
      if (err === undefined) return;
      failed++;
      this.logger.error({ err, topic: actors[i].spec.topic, partition: actors[i].spec.partition }, 'close failed');
    });
    this.logger.debug({ handler: this.index, partitions: actors.length, failed, ms: this.now() - started }, 'partitions closed');
    return failed === 0;
  }
}

/** Partitions a handler closes at once on shutdown (each has up to a few fsyncs in flight). */
export const CLOSE_CONCURRENCY = 64;
