// The client's view of a cluster: bootstrap, metadata cache, leaders, one connection per broker.
import { Connection, ConnectionOptions } from './connection';
import { Api } from './api-keys';
import { ConnectionError, KafkaProtocolError } from './errors';
import type { Wire } from './wire';
import { ErrorCode } from '../protocol/error-codes';

export interface ClusterOptions {
  /** "host:port,host:port" or a list of "host:port". */
  bootstrap: string | string[];
  clientId?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Metadata older than this is refreshed before use (default 300000, as Kafka's metadata.max.age.ms). */
  metadataMaxAgeMs?: number;
  maxVersions?: Record<number, number>;
  wire?: Wire;
}

export interface BrokerInfo { nodeId: number; host: string; port: number; rack: string | null }
export interface PartitionInfo {
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  errorCode: number;
}
export interface TopicInfo {
  name: string;
  topicId: string;
  isInternal: boolean;
  errorCode: number;
  partitions: PartitionInfo[];
}
export interface MetadataResult { clusterId: string | null; controllerId: number; brokers: BrokerInfo[]; topics: TopicInfo[] }

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Parses "h:p,h2:p2" (IPv6 as [addr]:port) into host/port pairs. */
export function parseBootstrap(bootstrap: string | string[]): { host: string; port: number }[] {
  const parts = (Array.isArray(bootstrap) ? bootstrap : bootstrap.split(',')).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('bootstrap server list is empty');
  return parts.map((p) => {
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(p) ?? /^([^:\s]+):(\d+)$/.exec(p);
    if (!m) throw new Error(`invalid bootstrap server '${p}': expected host:port`);
    const port = Number(m[2]);
    if (port < 1 || port > 65535) throw new Error(`invalid port in bootstrap server '${p}'`);
    return { host: m[1], port };
  });
}

export class Cluster {
  readonly brokers = new Map<number, BrokerInfo>();
  readonly topics = new Map<string, TopicInfo>();
  clusterId: string | null = null;
  controllerId = -1;
  private readonly seeds: { host: string; port: number }[];
  private readonly connOpts: Omit<ConnectionOptions, 'host' | 'port'>;
  private readonly metadataMaxAgeMs: number;
  private readonly byNode = new Map<number, Connection>();
  private bootstrapConn: Connection | null = null;
  private lastFullRefresh = 0;
  private readonly topicRefreshedAt = new Map<string, number>();
  private refreshing: Promise<MetadataResult> | null = null;
  private bootstrapping: Promise<Connection> | null = null;
  private readonly topicRefreshes = new Map<string, Promise<MetadataResult>>();

  constructor(opts: ClusterOptions) {
    this.seeds = parseBootstrap(opts.bootstrap);
    this.connOpts = {
      clientId: opts.clientId ?? 'samsa-client', connectTimeoutMs: opts.connectTimeoutMs,
      requestTimeoutMs: opts.requestTimeoutMs, maxVersions: opts.maxVersions, wire: opts.wire,
    };
    this.metadataMaxAgeMs = opts.metadataMaxAgeMs ?? 300_000;
  }

  /** Connects to the first reachable bootstrap server. */
  async connect(): Promise<void> { await this.anyConnection(); }

  /** A live connection to some broker (for metadata and admin requests). */
  anyConnection(): Promise<Connection> {
    for (const c of this.byNode.values()) if (c.isConnected) return Promise.resolve(c);
    if (this.bootstrapConn?.isConnected) return Promise.resolve(this.bootstrapConn);
    if (!this.bootstrapping) {
      this.bootstrapping = this.openBootstrap().finally(() => { this.bootstrapping = null; });
    }
    return this.bootstrapping;
  }

  private async openBootstrap(): Promise<Connection> {
    const errors: ConnectionError[] = [];
    const candidates = [...this.seeds, ...[...this.brokers.values()].map((b) => ({ host: b.host, port: b.port }))];
    for (const s of candidates) {
      const c = new Connection({ ...this.connOpts, host: s.host, port: s.port });
      try {
        await c.connect();
        if (this.bootstrapConn) void this.bootstrapConn.close();
        this.bootstrapConn = c;
        return c;
      } catch (err) {
        errors.push(err instanceof ConnectionError ? err : new ConnectionError(`${s.host}:${s.port}`, (err as Error).message, err));
      }
    }
    if (errors.length === 1) throw errors[0];
    throw new ConnectionError(this.seeds.map((s) => `${s.host}:${s.port}`).join(','),
      `no broker reachable (${errors.map((e) => `${e.broker}: ${e.detail}`).join('; ')})`);
  }

  /** The connection to broker nodeId (opened on first use). */
  async connectionFor(nodeId: number): Promise<Connection> {
    let c = this.byNode.get(nodeId);
    if (!c) {
      let b = this.brokers.get(nodeId);
      if (!b) { await this.refreshMetadata(); b = this.brokers.get(nodeId); }
      if (!b) throw new KafkaProtocolError(ErrorCode.BROKER_NOT_AVAILABLE, `broker ${nodeId} is not in the metadata`);
      const boot = this.bootstrapConn;
      if (boot && boot.host === b.host && boot.port === b.port) {
        c = boot;
        this.bootstrapConn = null;
      } else {
        c = new Connection({ ...this.connOpts, host: b.host, port: b.port });
      }
      this.byNode.set(nodeId, c);
    }
    if (!c.isConnected) await c.connect();
    return c;
  }

  /** Fetches metadata for `topics` (null = all topics) and updates the cache. */
  async refreshMetadata(topics: string[] | null = null, allowAutoTopicCreation = false): Promise<MetadataResult> {
    if (topics === null && this.refreshing) return this.refreshing;
    const run = this.fetchMetadata(topics, allowAutoTopicCreation);
    if (topics === null) {
      this.refreshing = run;
      run.then(() => { this.refreshing = null; }, () => { this.refreshing = null; });
    }
    return run;
  }

  private async fetchMetadata(topics: string[] | null, allowAutoTopicCreation: boolean): Promise<MetadataResult> {
    const conn = await this.anyConnection();
    const res: any = await conn.request(Api.Metadata, {
      topics: topics === null ? null : topics.map((name) => ({ topicId: ZERO_UUID, name })),
      allowAutoTopicCreation,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    const brokers: BrokerInfo[] = (res.brokers ?? []).map((b: any) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }));
    const result: MetadataResult = {
      clusterId: res.clusterId ?? null,
      controllerId: res.controllerId ?? -1,
      brokers,
      topics: (res.topics ?? []).map((t: any) => ({
        name: t.name,
        topicId: t.topicId ?? ZERO_UUID,
        isInternal: !!t.isInternal,
        errorCode: t.errorCode ?? 0,
        partitions: (t.partitions ?? []).map((p: any) => ({
          partition: p.partitionIndex,
          leader: p.leaderId,
          leaderEpoch: p.leaderEpoch ?? -1,
          replicas: p.replicaNodes ?? [],
          isr: p.isrNodes ?? [],
          offlineReplicas: p.offlineReplicas ?? [],
          errorCode: p.errorCode ?? 0,
        })).sort((a: PartitionInfo, b: PartitionInfo) => a.partition - b.partition),
      })),
    };
    this.apply(result, topics);
    return result;
  }

  private apply(r: MetadataResult, requested: string[] | null): void {
    this.clusterId = r.clusterId;
    this.controllerId = r.controllerId;
    const now = Date.now();
    if (r.brokers.length > 0) {
      const live = new Set(r.brokers.map((b) => b.nodeId));
      for (const [id, c] of this.byNode) {
        const b = r.brokers.find((x) => x.nodeId === id);
        if (!live.has(id) || (b && (b.host !== c.host || b.port !== c.port))) { void c.close(); this.byNode.delete(id); }
      }
      this.brokers.clear();
      for (const b of r.brokers) this.brokers.set(b.nodeId, b);
    }
    if (requested === null) {
      this.topics.clear();
      this.lastFullRefresh = now;
    }
    for (const t of r.topics) {
      if (t.errorCode === 0 || t.partitions.length > 0) {
        this.topics.set(t.name, t);
        this.topicRefreshedAt.set(t.name, now);
      } else {
        this.topics.delete(t.name);
      }
    }
  }

  /** Cached metadata of a topic, refreshed when missing or stale; throws the topic's error. */
  async topic(name: string, opts: { autoCreate?: boolean; refresh?: boolean } = {}): Promise<TopicInfo> {
    const cached = this.topics.get(name);
    const fresh = cached && Date.now() - (this.topicRefreshedAt.get(name) ?? 0) < this.metadataMaxAgeMs;
    if (cached && fresh && !opts.refresh) return cached;
    let pending = this.topicRefreshes.get(name);
    if (!pending) {
      pending = this.refreshMetadata([name], opts.autoCreate ?? false);
      this.topicRefreshes.set(name, pending);
      const clear = () => { if (this.topicRefreshes.get(name) === pending) this.topicRefreshes.delete(name); };
      pending.then(clear, clear);
    }
    const r = await pending;
    const t = r.topics.find((x) => x.name === name);
    if (!t) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic ${name} is not in the metadata`);
    if (t.errorCode !== 0 && t.partitions.length === 0) throw new KafkaProtocolError(t.errorCode, `topic ${name}`);
    return t;
  }

  /** Milliseconds since the topic's metadata was fetched (Infinity if never). */
  metadataAgeMs(topic: string): number {
    const t = this.topicRefreshedAt.get(topic);
    return t === undefined ? Infinity : Date.now() - t;
  }

  /** Leader node of a partition from the cache (-1 if unknown). */
  leaderFor(topic: string, partition: number): number {
    const p = this.topics.get(topic)?.partitions.find((x) => x.partition === partition);
    return p ? p.leader : -1;
  }

  /** Connection to a partition's leader (refreshing metadata if the leader is unknown). */
  async leaderConnection(topic: string, partition: number): Promise<Connection> {
    let leader = this.leaderFor(topic, partition);
    if (leader < 0) {
      const t = await this.topic(topic, { refresh: true });
      const p = t.partitions.find((x) => x.partition === partition);
      if (!p) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${topic}-${partition}`);
      if (p.leader < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, `${topic}-${partition}`);
      leader = p.leader;
    }
    return this.connectionFor(leader);
  }

  /** Connection to the controller (falls back to any broker). */
  async controllerConnection(): Promise<Connection> {
    if (this.controllerId < 0 || !this.brokers.has(this.controllerId)) await this.refreshMetadata();
    if (this.controllerId >= 0 && this.brokers.has(this.controllerId)) return this.connectionFor(this.controllerId);
    return this.anyConnection();
  }

  /** Whether a full refresh is older than metadataMaxAgeMs. */
  get metadataStale(): boolean { return Date.now() - this.lastFullRefresh >= this.metadataMaxAgeMs; }

  async close(): Promise<void> {
    const all = [...this.byNode.values()];
    if (this.bootstrapConn) all.push(this.bootstrapConn);
    this.byNode.clear();
    this.bootstrapConn = null;
    await Promise.all(all.map((c) => c.close()));
  }
}
