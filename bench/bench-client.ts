// samsa's own client, in the bench process, for what the scenarios need besides load:
// creating and deleting topics, end offsets, and a readiness probe (Metadata of all topics,
// then ListOffsets of every expected partition) used to time broker restarts.
import { Admin, Api, Connection, Consumer, partitionKey } from '../src/client';

export class BenchClient {
  private readonly admin: Admin;
  private readonly consumer: Consumer;

  constructor(readonly bootstrap: string) {
    this.admin = new Admin({ bootstrap, timeoutMs: 60_000, requestTimeoutMs: 120_000 });
    this.consumer = new Consumer(this.admin.cluster);
  }

  /** Creates topics of `partitions` partitions, `perRequest` topics a CreateTopics request. */
  async createTopics(names: string[], partitions: number, perRequest = 10): Promise<void> {
    for (let i = 0; i < names.length; i += perRequest) {
      await this.admin.createTopics(names.slice(i, i + perRequest).map((name) => ({ name, partitions, replicationFactor: 1 })));
    }
  }

  async deleteTopics(names: string[]): Promise<void> {
    if (names.length) await this.admin.deleteTopics(names);
  }

  /** Sum of the end offsets of a topic's partitions. */
  async endOffsetSum(topic: string, partitions: number): Promise<number> {
    const reqs = Array.from({ length: partitions }, (_, partition) => ({ topic, partition, timestamp: -1 }));
    const m = await this.consumer.listOffsets(reqs);
    let sum = 0;
    for (const r of reqs) sum += m.get(partitionKey(r.topic, r.partition)) ?? NaN;
    return sum;
  }

  close(): Promise<void> { return this.admin.close(); }
}

export interface Expectation { topics: string[]; partitions: number; endOffset: number }
export type ProbeStage = 'down' | 'metadata' | 'offsets';

/**
 * One readiness probe: 'down' (no connection or topics missing), 'metadata' (every expected
 * topic is listed with all its partitions led and error-free) or 'offsets' (and ListOffsets
 * answers every partition with the expected end offset).
 */
export class ReadinessProbe {
  private conn: Connection | null = null;
  detail = '';

  constructor(private readonly host: string, private readonly port: number) {}

  async probe(e: Expectation): Promise<ProbeStage> {
    try {
      if (this.conn === null) {
        const c = new Connection({ host: this.host, port: this.port, clientId: 'bench-probe', connectTimeoutMs: 1000, requestTimeoutMs: 30_000 });
        await c.connect();
        this.conn = c;
      }
      const md: any = await this.conn.request(Api.Metadata, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
      const byName = new Map<string, any>((md.topics ?? []).map((t: any) => [t.name, t]));
      for (const name of e.topics) {
        const t = byName.get(name);
        if (!t) { this.detail = `topic ${name} missing (${byName.size} topics listed)`; return 'down'; }
        const good = (t.partitions ?? []).filter((p: any) => p.errorCode === 0 && p.leaderId >= 0).length;
        if (t.errorCode !== 0 || good !== e.partitions) { this.detail = `topic ${name}: error ${t.errorCode}, ${good} of ${e.partitions} partitions led`; return 'down'; }
      }
      const lo: any = await this.conn.request(Api.ListOffsets, {
        replicaId: -1, isolationLevel: 0, timeoutMs: 30_000,
        topics: e.topics.map((name) => ({ name, partitions: Array.from({ length: e.partitions }, (_, i) => ({ partitionIndex: i, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 })) })),
      });
      let good = 0; let bad = '';
      for (const t of lo.topics ?? []) for (const p of t.partitions ?? []) {
        if (p.errorCode === 0 && p.offset === e.endOffset) good++;
        else if (!bad) bad = `${t.name}-${p.partitionIndex}: error ${p.errorCode}, offset ${p.offset}`;
      }
      if (good !== e.topics.length * e.partitions) { this.detail = `${good} partitions at the expected end offset; first other: ${bad}`; return 'metadata'; }
      this.detail = '';
      return 'offsets';
    } catch (err) {
      this.detail = (err as Error).message;
      void this.conn?.close();
      this.conn = null;
      return 'down';
    }
  }

  close(): void { void this.conn?.close(); this.conn = null; }
}
