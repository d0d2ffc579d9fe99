// Before a run: make sure the topic exists (created with --partitions when missing, else
// auto-created through Metadata as Kafka's perf tools rely on), wait until every partition
// has a leader, and read offsets.
import { Admin } from '../client/admin';
import { Cluster, TopicInfo } from '../client/cluster';
import { Consumer } from '../client/consumer';
import { KafkaProtocolError } from '../client/errors';
import { ErrorCode } from '../protocol/error-codes';
import { sleep } from './clock';

export interface TopicSetup {
  partitions?: number;
  replicationFactor?: number;
  /** Create the topic (explicitly or by auto-creation) when it is missing. */
  create: boolean;
  timeoutMs?: number;
}

function missing(err: unknown): boolean {
  return err instanceof KafkaProtocolError
    && (err.code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || err.code === ErrorCode.LEADER_NOT_AVAILABLE);
}

/** Topic metadata with a leader for every partition; notes (warnings) go to `warn`. */
export async function prepareTopic(cluster: Cluster, topic: string, o: TopicSetup, warn: (s: string) => void = () => undefined): Promise<TopicInfo> {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  let created = false;
  for (;;) {
    let t: TopicInfo | null = null;
    try {
      t = await cluster.topic(topic, { refresh: true, autoCreate: o.create && o.partitions === undefined });
    } catch (err) {
      if (!missing(err)) throw err;
    }
    if (!t && o.create && o.partitions !== undefined && !created) {
      created = true;
      const admin = new Admin(cluster);
      try {
        await admin.createTopics(topic, o.partitions, o.replicationFactor ?? -1);
      } catch (err) {
        if (!(err instanceof KafkaProtocolError && err.code === ErrorCode.TOPIC_ALREADY_EXISTS)) throw err;
      }
      continue;
    }
    if (t && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) {
      if (o.partitions !== undefined && !created && t.partitions.length !== o.partitions) {
        warn(`topic ${topic} exists with ${t.partitions.length} partitions (--partitions ${o.partitions} applies only to a new topic)`);
      }
      return t;
    }
    if (!t && !o.create) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${topic} does not exist`);
    if (Date.now() > deadline) {
      throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, `topic ${topic}: partitions without a leader after ${o.timeoutMs ?? 30_000} ms`);
    }
    await sleep(100);
  }
}

/** Offsets of every partition at `which` ('earliest' or 'latest'), by partition. */
export async function partitionOffsets(cluster: Cluster, topic: string, partitions: number[], which: 'earliest' | 'latest'): Promise<Map<number, number>> {
  const c = new Consumer(cluster);
  const res = await c.listOffsets(partitions.map((partition) => ({ topic, partition, timestamp: which === 'earliest' ? -2 : -1 })));
  const out = new Map<number, number>();
  for (const p of partitions) out.set(p, res.get(`${p}:${topic}`) ?? 0);
  return out;
}
