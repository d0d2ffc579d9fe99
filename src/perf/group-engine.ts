// One perf consumer in a consumer group: samsa's GroupConsumer (classic protocol) polled in a
// loop; records are counted from the decoded records it returns.
import { GroupConsumer } from '../client/group/group-consumer';
import type { TopicPartition } from '../client/group/apis';
import { nowMs } from './clock';
import type { Budget } from './fetch-engine';
import { readEmbedded } from './payload';
import type { RunStats } from './run-stats';

export interface GroupEngineOptions {
  bootstrap: string;
  clientId: string;
  groupId: string;
  topic: string;
  maxWaitMs: number;
  maxBytes: number;
  partitionMaxBytes: number;
  stats: RunStats;
  budget: Budget;
  endToEnd: boolean;
  /** Where partitions without a committed offset start. */
  autoOffsetReset: 'earliest' | 'latest';
  onAssigned?: (partitions: TopicPartition[], consumer: GroupConsumer) => void;
}

export class GroupEngine {
  polls = 0;
  readonly consumer: GroupConsumer;
  private readonly o: GroupEngineOptions;
  private stopped = false;

  constructor(o: GroupEngineOptions) {
    this.o = o;
    this.consumer = new GroupConsumer({
      bootstrap: o.bootstrap, clientId: o.clientId, groupId: o.groupId, autoOffsetReset: o.autoOffsetReset,
      maxWaitMs: o.maxWaitMs, maxBytes: o.maxBytes, maxPartitionBytes: o.partitionMaxBytes,
      onPartitionsAssigned: (tps) => { o.onAssigned?.(tps, this.consumer); },
    });
    this.consumer.subscribe([o.topic]);
  }

  stop(): void { this.stopped = true; }

  async run(): Promise<void> {
    const o = this.o;
    while (!this.stopped && o.budget.remaining > 0) {
      const t0 = nowMs();
      const recs = await this.consumer.poll();
      this.polls++;
      if (recs.length === 0 || this.stopped) continue;
      const now = nowMs();
      const n = Math.min(recs.length, o.budget.remaining);
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const r = recs[i];
        const v = r.value;
        bytes += (r.key ? r.key.length : 0) + (v ? v.length : 0);
        if (o.endToEnd) {
          const sent = v ? readEmbedded(v, 0, v.length, now) : -1;
          o.stats.latency(now - (sent >= 0 ? sent : r.timestamp));
        }
      }
      if (n < recs.length) this.consumer.rewind(recs.slice(n));
      o.budget.remaining -= n;
      o.stats.add(n, bytes);
      if (!o.endToEnd) o.stats.latency(now - t0, n);
      if (o.budget.remaining <= 0) o.budget.exhausted?.();
    }
  }

  close(): Promise<void> { return this.consumer.close(); }
}
