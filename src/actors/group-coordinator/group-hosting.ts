// Group coordinator shards on a handler: one per __consumer_offsets partition the handler
// owns. A shard writes through that partition's actor (same thread) and is rebuilt from
// its log when the partition is opened.
import type { Logger } from 'pino';
import type { ServerConfig } from '../../config/server-config';
import { ErrorCode } from '../../protocol/error-codes';
import { buildBatch, decodeBatches } from '../../protocol/record-batch';
import { kafkaErrorOf } from '../../runtime/samsa-error';
import type { TopicCatalog } from '../controller/catalog';
import type { PartitionActor } from '../partition/partition-actor';
import { ConsumerGroupExtension } from './consumer/extension';
import { groupConfigFrom } from './group-config';
import { GroupCoordinatorShard } from './group-coordinator-shard';
import type { GroupClock, GroupConfig, GroupRecord } from './types';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** The shards' settings from the broker config (offset.metadata.max.bytes when given, else Kafka's 4096). */
export function groupConfigOf(c: ServerConfig): HostedGroupConfig {
  const raw = c.raw['offset.metadata.max.bytes'];
  const base = raw === undefined ? groupConfigFrom(c) : groupConfigFrom(c, Number(raw));
  return { ...base, consumer: { heartbeatIntervalMs: c.groupConsumerHeartbeatIntervalMs, sessionTimeoutMs: c.groupConsumerSessionTimeoutMs } };
}

/** Classic settings plus the KIP-848 consumer-group ones. */
export type HostedGroupConfig = GroupConfig & { consumer?: { heartbeatIntervalMs: number; sessionTimeoutMs: number } };

const realClock: GroupClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(0, ms), 0x7fffffff)).unref(),
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

/** Every record of a partition log, in offset order. */
function* logRecords(actor: PartitionActor): Iterable<GroupRecord> {
  let offset = actor.log.logStartOffset;
  const end = actor.log.logEndOffset;
  while (offset < end) {
    const { records } = actor.log.read(offset, 1 << 20, true);
    if (records.length === 0) break;
    for (const b of decodeBatches(records)) {
      if (b.header.attributes & 0x20) { offset = Math.max(offset, b.header.baseOffset + b.header.lastOffsetDelta + 1); continue; } // control batch
      for (const r of b.records) if (r.offset >= offset && r.key) yield { key: r.key, value: r.value };
      offset = Math.max(offset, b.header.baseOffset + b.header.lastOffsetDelta + 1);
    }
  }
}

export class GroupHosting {
  private shards = new Map<number, GroupCoordinatorShard>();

  constructor(private config: HostedGroupConfig, private catalog: () => TopicCatalog, private logger: Logger,
    private clock: GroupClock = realClock) {}

  get size(): number { return this.shards.size; }

  /** Open the shard for this __consumer_offsets partition, rebuilt from its log. */
  open(actor: PartitionActor): void {
    const partition = actor.spec.partition;
    if (this.shards.has(partition)) return;
    const shard = new GroupCoordinatorShard({
      partition, config: this.config, clock: this.clock, logger: this.logger,
      log: {
        append: async (records) => {
          if (records.length === 0) return;
          actor.produce(buildBatch(records.map((r) => ({ key: r.key, value: r.value }))));
        },
      },
    });
    shard.registerExtension(new ConsumerGroupExtension(shard.context, {
      config: this.config.consumer,
      topics: {
        byName: (name) => { const t = this.catalog().get(name); return t ? { topicId: t.topicId, partitions: t.partitions.length } : undefined; },
        byId: (id) => { const t = this.catalog().getById(id); return t ? { name: t.name, partitions: t.partitions.length } : undefined; },
        names: () => [...this.catalog().topics()].map((t) => t.name),
      },
    }));
    const started = Date.now();
    let n = 0;
    shard.replay((function* () { for (const r of logRecords(actor)) { n++; yield r; } })());
    if (n > 0) this.logger.info({ partition, records: n, ms: Date.now() - started }, 'group coordinator loaded');
    this.shards.set(partition, shard);
  }

  close(partition: number): void {
    this.shards.get(partition)?.close();
    this.shards.delete(partition);
  }

  closeAll(): void {
    for (const s of this.shards.values()) s.close();
    this.shards.clear();
  }

  /** op 'group': serve a group API for the shard of partition `p`. */
  handle(env: { p: number; apiKey: number; version: number; body: unknown; info: { clientId: string; clientHost: string } },
    reply: (out: object) => void): void {
    const shard = this.shards.get(env.p);
    if (!shard) { reply({ errorCode: ErrorCode.NOT_COORDINATOR }); return; }
    shard.handle(env.apiKey, env.version, env.body, env.info).then(
      (body) => reply({ body }),
      (err) => {
        this.logger.error({ err, apiKey: env.apiKey }, 'group request failed');
        reply({ errorCode: kafkaErrorOf(err) });
      });
  }

  listGroups(states: string[], types: string[]): object[] {
    return [...this.shards.values()].flatMap((s) => s.listGroups(states, types));
  }
}
