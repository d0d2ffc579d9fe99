// The consumers of a consume or e2e run: C plain consumers splitting the partitions (no
// group), or C members of a consumer group. ready resolves when every partition is being
// fetched (plain: connections open; group: the assignments cover the topic).
import { Cluster, TopicInfo } from '../client/cluster';
import type { CommonOptions, ConsumerSettings } from './options';
import { Budget, FetchEngine } from './fetch-engine';
import { GroupEngine } from './group-engine';
import type { RunStats } from './run-stats';

export interface ConsumerSet {
  /** Resolves when all partitions are assigned and connected. */
  ready: Promise<void>;
  /** Starts the fetch loops; resolves when they all ended. */
  run(): Promise<void>;
  stop(): void;
  close(): Promise<void>;
  wire(): Record<string, number>;
  latencyKind: 'fetch' | 'poll';
}

export interface ConsumerStart {
  endToEnd: boolean;
  /** Start offset per partition (plain consumers; group members seek there when they have no later position). */
  offsets: Map<number, number>;
  /** Group members without committed offsets start here. */
  autoOffsetReset: 'earliest' | 'latest';
}

export function createConsumers(o: CommonOptions & ConsumerSettings, topic: TopicInfo, stats: RunStats, budget: Budget, s: ConsumerStart): ConsumerSet {
  return o.group ? groupConsumers(o, o.group, topic, stats, budget, s) : plainConsumers(o, topic, stats, budget, s);
}

function plainConsumers(o: CommonOptions & ConsumerSettings, topic: TopicInfo, stats: RunStats, budget: Budget, s: ConsumerStart): ConsumerSet {
  const partitions = topic.partitions.map((p) => p.partition);
  const n = Math.min(o.consumers, partitions.length);
  const clusters: Cluster[] = [];
  const engines: FetchEngine[] = [];
  for (let i = 0; i < n; i++) {
    const cluster = new Cluster({ bootstrap: o.bootstrap, clientId: `${o.clientId}-consumer-${i}` });
    clusters.push(cluster);
    engines.push(new FetchEngine({
      cluster, topic: topic.name, partitions: partitions.filter((_, k) => k % n === i), start: s.offsets,
      maxWaitMs: o.fetchMaxWaitMs, maxBytes: o.fetchMaxBytes, partitionMaxBytes: o.maxPartitionFetchBytes,
      stats, budget, endToEnd: s.endToEnd,
    }));
  }
  const ready = (async () => {
    for (const c of clusters) {
      const t = await c.topic(topic.name, { refresh: true });
      for (const l of new Set(t.partitions.map((p) => p.leader))) if (l >= 0) await c.connectionFor(l);
    }
  })();
  return {
    ready, latencyKind: 'fetch',
    run: () => Promise.all(engines.map((e) => e.run())).then(() => undefined),
    stop: () => engines.forEach((e) => e.stop()),
    close: () => Promise.all(clusters.map((c) => c.close().catch(() => undefined))).then(() => undefined),
    wire: () => ({ consumers: n, fetchRequests: engines.reduce((a, e) => a + e.fetches, 0) }),
  };
}

function groupConsumers(o: CommonOptions & ConsumerSettings, groupId: string, topic: TopicInfo, stats: RunStats, budget: Budget, s: ConsumerStart): ConsumerSet {
  const owners = new Map<number, number>(); // partition -> member index
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => { markReady = r; });
  const engines: GroupEngine[] = [];
  for (let i = 0; i < o.consumers; i++) {
    engines.push(new GroupEngine({
      bootstrap: o.bootstrap, clientId: `${o.clientId}-consumer-${i}`, groupId, topic: topic.name,
      maxWaitMs: o.fetchMaxWaitMs, maxBytes: o.fetchMaxBytes, partitionMaxBytes: o.maxPartitionFetchBytes,
      stats, budget, endToEnd: s.endToEnd, autoOffsetReset: s.autoOffsetReset,
      onAssigned: (tps, consumer) => {
        for (const [p, owner] of owners) if (owner === i) owners.delete(p);
        for (const tp of tps) {
          if (tp.topic !== topic.name) continue;
          owners.set(tp.partition, i);
          const from = s.offsets.get(tp.partition);
          const pos = consumer.position(tp.topic, tp.partition);
          if (from !== undefined && (pos === undefined || pos < from)) consumer.seek(tp.topic, tp.partition, from);
        }
        if (owners.size >= topic.partitions.length) markReady();
      },
    }));
  }
  return {
    ready, latencyKind: 'poll',
    run: () => Promise.all(engines.map((e) => e.run())).then(() => undefined),
    stop: () => engines.forEach((e) => e.stop()),
    close: () => Promise.all(engines.map((e) => e.close().catch(() => undefined))).then(() => undefined),
    wire: () => ({ consumers: o.consumers, polls: engines.reduce((a, e) => a + e.polls, 0) }),
  };
}
