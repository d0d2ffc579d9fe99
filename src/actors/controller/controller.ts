// The controller actor: owns the topic catalog, persists it, and tells partition owners
// (handler workers) to open, reconfigure or delete partitions. Operations run one at a
// time (a mailbox of promises), so concurrent admin requests from different processors
// never interleave.
import * as fs from 'fs';
import * as path from 'path';
import type { Logger } from 'pino';
import { ErrorCode } from '../../protocol/error-codes';
import { writeFileAtomicSync } from '../../runtime/atomic-file';
import { Placement } from '../../runtime/placement';
import { randomKafkaUuid } from '../../runtime/uuid';
import type { ServerConfig } from '../../config/server-config';
import { effectiveTopicConfig, TOPIC_KEY_MAP, toLogConfig, validateTopicConfig } from '../../config/topic-config';
import type { LogConfig } from '../../config/log-config';
import { type CatalogSnapshot, type TopicEntry, TopicCatalog, topicNameError } from './catalog';
import { partitionDirName, scanPartitionDirs } from './partition-dirs';

export const CATALOG_FILE = 'samsa-topics.json';

export interface PartitionSpec { topic: string; partition: number; topicId: string; dir: string; logConfig: LogConfig }

/** How the controller reaches partition owners. */
export interface OwnerControl {
  assign(handler: number, specs: PartitionSpec[]): Promise<void>;
  unassign(handler: number, parts: { topic: string; partition: number; deleteFiles: boolean }[]): Promise<void>;
  reconfigure(handler: number, specs: PartitionSpec[]): Promise<void>;
}

export interface CreateTopicRequest {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  assignments?: { partitionIndex: number; brokerIds: number[] }[];
  configs?: { name: string; value: string | null }[];
}
export interface CreateTopicResult {
  name: string; topicId: string; errorCode: number; errorMessage: string | null;
  numPartitions: number; replicationFactor: number; configs: Record<string, string>;
}
export interface ConfigAlteration { name: string; value: string | null; op: 'set' | 'delete' | 'append' | 'subtract' }

export class Controller {
  private topics = new Map<string, TopicEntry>();
  private version = 0;
  private mailbox: Promise<unknown> = Promise.resolve();
  private catalogCache: TopicCatalog | null = null;
  readonly placement: Placement;

  constructor(
    private config: ServerConfig,
    private owners: OwnerControl,
    private logger: Logger,
    private onChange: (snapshot: CatalogSnapshot) => void,
  ) {
    this.placement = new Placement(config.threading === 'single' ? 1 : config.numIoThreads);
  }

  get catalog(): TopicCatalog {
    if (!this.catalogCache) this.catalogCache = new TopicCatalog({ version: this.version, topics: [...this.topics.values()] });
    return this.catalogCache;
  }

  private get catalogPath(): string { return path.join(this.config.logDirs[0], CATALOG_FILE); }

  /** Load the catalog (or rebuild it from partition directories) — no owners are told yet. */
  load(): void {
    let snap: CatalogSnapshot | null = null;
    if (fs.existsSync(this.catalogPath)) {
      snap = JSON.parse(fs.readFileSync(this.catalogPath, 'utf8')) as CatalogSnapshot;
    }
    const found = scanPartitionDirs(this.config.logDirs);
    if (snap) {
      for (const t of snap.topics) this.topics.set(t.name, t);
      this.version = snap.version;
    }
    // adopt partition directories the catalog does not know (catalog lost or older than the data)
    let adopted = 0;
    for (const [topic, parts] of found) {
      let t = this.topics.get(topic);
      if (!t) {
        t = { name: topic, topicId: randomKafkaUuid(), partitions: [], configs: {}, internal: topic.startsWith('__') };
        this.topics.set(topic, t);
      }
      for (const [p, logDir] of parts) {
        if (!t.partitions.some((x) => x.partition === p)) {
          t.partitions.push({ partition: p, logDir });
          adopted++;
        }
      }
      t.partitions.sort((a, b) => a.partition - b.partition);
    }
    if (adopted > 0) {
      this.logger.warn({ adopted }, 'adopted partition directories missing from the topic catalog');
      this.persist();
    }
    this.catalogCache = null;
  }

  /** Every partition, with what its owner needs to open it. */
  allSpecs(): Map<number, PartitionSpec[]> {
    return this.placement.groupByOwner([...this.topics.values()].flatMap((t) => this.specsOf(t, t.partitions.map((p) => p.partition))));
  }

  private specsOf(t: TopicEntry, partitions: number[]): PartitionSpec[] {
    const logConfig = toLogConfig(t.configs, this.config);
    return partitions.map((p) => {
      const entry = t.partitions.find((x) => x.partition === p)!;
      return { topic: t.name, partition: p, topicId: t.topicId, dir: path.join(entry.logDir, partitionDirName(t.name, p)), logConfig };
    });
  }

  private persist(): void {
    this.version++;
    this.catalogCache = null;
    const snap: CatalogSnapshot = { version: this.version, topics: [...this.topics.values()] };
    writeFileAtomicSync(this.catalogPath, JSON.stringify(snap));
    this.onChange(snap);
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.mailbox.then(fn, fn);
    this.mailbox = next.catch(() => undefined);
    return next;
  }

  private async tellOwners(specs: PartitionSpec[], what: 'assign' | 'reconfigure'): Promise<void> {
    await Promise.all([...this.placement.groupByOwner(specs)].map(([o, l]) => this.owners[what](o, l)));
  }

  /** Log dir with the fewest partitions (Kafka's choice for new partitions). */
  private pickLogDir(extra: Map<string, number>): string {
    const counts = new Map<string, number>(this.config.logDirs.map((d) => [d, extra.get(d) ?? 0]));
    for (const t of this.topics.values()) for (const p of t.partitions) counts.set(p.logDir, (counts.get(p.logDir) ?? 0) + 1);
    let best = this.config.logDirs[0];
    for (const d of this.config.logDirs) if ((counts.get(d) ?? 0) < (counts.get(best) ?? 0)) best = d;
    extra.set(best, (extra.get(best) ?? 0) + 1);
    return best;
  }

  createTopics(reqs: CreateTopicRequest[], validateOnly: boolean): Promise<CreateTopicResult[]> {
    return this.run(async () => {
      const results: CreateTopicResult[] = [];
      const created: TopicEntry[] = [];
      const seen = new Set<string>();
      for (const r of reqs) {
        const res = this.checkCreate(r, seen);
        results.push(res);
        if (res.errorCode !== ErrorCode.NONE || validateOnly) continue;
        const extra = new Map<string, number>();
        const t: TopicEntry = {
          name: r.name, topicId: res.topicId, configs: res.configs, internal: r.name.startsWith('__'),
          partitions: Array.from({ length: res.numPartitions }, (_, p) => ({ partition: p, logDir: this.pickLogDir(extra) })),
        };
        this.topics.set(t.name, t);
        created.push(t);
      }
      if (created.length > 0) {
        this.persist();
        await this.tellOwners(created.flatMap((t) => this.specsOf(t, t.partitions.map((p) => p.partition))), 'assign');
        this.logger.info({ topics: created.map((t) => `${t.name}(${t.partitions.length})`) }, 'created topics');
      }
      return results;
    });
  }

  private checkCreate(r: CreateTopicRequest, seen: Set<string>): CreateTopicResult {
    const fail = (errorCode: number, errorMessage: string): CreateTopicResult =>
      ({ name: r.name, topicId: '', errorCode, errorMessage, numPartitions: -1, replicationFactor: -1, configs: {} });
    if (seen.has(r.name)) return fail(ErrorCode.INVALID_REQUEST, `Topic ${r.name} appears more than once in the request`);
    seen.add(r.name);
    const nameErr = topicNameError(r.name);
    if (nameErr) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, nameErr);
    if (this.topics.has(r.name)) return fail(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${r.name}' already exists.`);
    const collide = r.name.replace(/\./g, '_');
    for (const n of this.topics.keys()) if (n.replace(/\./g, '_') === collide) {
      return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${r.name}' collides with existing topic: ${n}`);
    }
    let numPartitions = r.numPartitions;
    let rf = r.replicationFactor;
    if (r.assignments && r.assignments.length > 0) {
      if (numPartitions !== -1 || rf !== -1) return fail(ErrorCode.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.');
      numPartitions = r.assignments.length;
      rf = r.assignments[0].brokerIds.length;
      const idx = r.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
      if (idx.some((p, i) => p !== i)) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Partitions should be a consecutive 0-based integer sequence');
      for (const a of r.assignments) {
        if (a.brokerIds.length !== rf) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'All partitions should have the same number of replicas');
        if (a.brokerIds.some((b) => b !== this.config.nodeId)) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Unknown broker in assignment ${JSON.stringify(a.brokerIds)}; the only broker is ${this.config.nodeId}`);
      }
    }
    if (numPartitions === -1) numPartitions = this.config.numPartitions;
    if (rf === -1) rf = this.config.defaultReplicationFactor;
    if (!Number.isInteger(numPartitions) || numPartitions <= 0) return fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    if (numPartitions > 100000) return fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must not exceed 100000.');
    if (!Number.isInteger(rf) || rf <= 0) return fail(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
    if (rf > 1) return fail(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${rf} larger than available brokers: 1.`);
    const configs: Record<string, string> = {};
    for (const c of r.configs ?? []) {
      if (c.value === null) return fail(ErrorCode.INVALID_CONFIG, `Null value not supported for topic configs: ${c.name}`);
      const err = validateTopicConfig(c.name, c.value);
      if (err) return fail(ErrorCode.INVALID_CONFIG, err);
      configs[c.name] = c.value;
    }
    return { name: r.name, topicId: randomKafkaUuid(), errorCode: 0, errorMessage: null, numPartitions, replicationFactor: rf, configs };
  }

  deleteTopics(refs: { name?: string | null; topicId?: string | null }[]): Promise<{ name: string | null; topicId: string; errorCode: number; errorMessage: string | null }[]> {
    return this.run(async () => {
      const out: { name: string | null; topicId: string; errorCode: number; errorMessage: string | null }[] = [];
      const victims: TopicEntry[] = [];
      for (const ref of refs) {
        const t = ref.name ? this.topics.get(ref.name) : ref.topicId ? this.catalog.getById(ref.topicId) : undefined;
        if (!t) {
          out.push({ name: ref.name ?? null, topicId: ref.topicId ?? '', errorCode: ref.name ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: 'This server does not host this topic.' });
        } else if (!this.config.deleteTopicEnable) {
          out.push({ name: t.name, topicId: t.topicId, errorCode: ErrorCode.TOPIC_DELETION_DISABLED, errorMessage: 'Topic deletion is disabled (delete.topic.enable=false).' });
        } else {
          out.push({ name: t.name, topicId: t.topicId, errorCode: 0, errorMessage: null });
          victims.push(t);
          this.topics.delete(t.name);
        }
      }
      if (victims.length > 0) {
        this.persist();
        const parts = victims.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition, deleteFiles: true })));
        await Promise.all([...this.placement.groupByOwner(parts)].map(([o, l]) => this.owners.unassign(o, l)));
        this.logger.info({ topics: victims.map((t) => t.name) }, 'deleted topics');
      }
      return out;
    });
  }

  createPartitions(reqs: { name: string; count: number; assignments: { brokerIds: number[] }[] | null }[], validateOnly: boolean): Promise<{ name: string; errorCode: number; errorMessage: string | null }[]> {
    return this.run(async () => {
      const out: { name: string; errorCode: number; errorMessage: string | null }[] = [];
      const specs: PartitionSpec[] = [];
      let changed = false;
      for (const r of reqs) {
        const t = this.topics.get(r.name);
        const fail = (errorCode: number, errorMessage: string) => out.push({ name: r.name, errorCode, errorMessage });
        if (!t) { fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${r.name}' does not exist.`); continue; }
        const cur = t.partitions.length;
        if (r.count < cur) { fail(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${cur} partitions, which is higher than the requested ${r.count}.`); continue; }
        if (r.count === cur) { fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${cur} partitions.`); continue; }
        if (r.count > 100000) { fail(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must not exceed 100000.'); continue; }
        if (r.assignments && (r.assignments.length !== r.count - cur || r.assignments.some((a) => a.brokerIds.some((b) => b !== this.config.nodeId)))) {
          fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Invalid replica assignment: expected ${r.count - cur} new partitions on broker ${this.config.nodeId}`);
          continue;
        }
        out.push({ name: r.name, errorCode: 0, errorMessage: null });
        if (validateOnly) continue;
        const extra = new Map<string, number>();
        const added: number[] = [];
        for (let p = cur; p < r.count; p++) {
          t.partitions.push({ partition: p, logDir: this.pickLogDir(extra) });
          added.push(p);
        }
        specs.push(...this.specsOf(t, added));
        changed = true;
      }
      if (changed) {
        this.persist();
        await this.tellOwners(specs, 'assign');
      }
      return out;
    });
  }

  /** Replace or incrementally change a topic's config overrides. */
  alterTopicConfigs(name: string, changes: ConfigAlteration[], mode: 'replace' | 'incremental', validateOnly: boolean): Promise<{ errorCode: number; errorMessage: string | null }> {
    return this.run(async () => {
      const t = this.topics.get(name);
      if (!t) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${name} does not exist` };
      const next: Record<string, string> = mode === 'replace' ? {} : { ...t.configs };
      for (const c of changes) {
        if (c.op === 'delete') { delete next[c.name]; continue; }
        if (c.value === null) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Null value not supported for topic configs: ${c.name}` };
        let value = c.value;
        if (c.op === 'append' || c.op === 'subtract') {
          if (TOPIC_KEY_MAP.get(c.name)?.type !== 'list') {
            return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Config value append/subtract is not allowed for config key ${c.name}, which is not a list` };
          }
          // an unset list starts from its effective (broker or default) value, as in Kafka
          const base = next[c.name] ?? effectiveTopicConfig({}, this.config)[c.name]?.value ?? '';
          const cur = base.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
          const items = c.value.split(',').filter((x) => x.length > 0);
          const merged = c.op === 'append' ? [...cur, ...items.filter((x) => !cur.includes(x))] : cur.filter((x) => !items.includes(x));
          value = merged.join(',');
        }
        const err = validateTopicConfig(c.name, value);
        if (err) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: err };
        next[c.name] = value;
      }
      if (validateOnly) return { errorCode: 0, errorMessage: null };
      t.configs = next;
      this.persist();
      await this.tellOwners(this.specsOf(t, t.partitions.map((p) => p.partition)), 'reconfigure');
      return { errorCode: 0, errorMessage: null };
    });
  }
}
