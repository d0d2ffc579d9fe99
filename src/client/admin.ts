// Topic and config administration over CreateTopics, DeleteTopics, Metadata,
// CreatePartitions, DescribeConfigs and (Incremental)AlterConfigs; consumer group
// administration (src/client/group/group-admin.ts).
import { Cluster, ClusterOptions, PartitionInfo } from './cluster';
import { Api } from './api-keys';
import { KafkaProtocolError } from './errors';
import { ErrorCode } from '../protocol/error-codes';
import * as groups from './group/group-admin';
import type { TopicPartition } from './group/apis';
import type { CommittedOffset, OffsetToCommit } from './group/offset-requests';

export const ResourceType = { TOPIC: 2, BROKER: 4 } as const;

export interface NewTopic {
  name: string;
  /** -1 = broker default (num.partitions) */
  partitions?: number;
  /** -1 = broker default (default.replication.factor) */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface CreatedTopic { name: string; topicId: string | null; numPartitions: number; replicationFactor: number }
export interface TopicListing { name: string; topicId: string; isInternal: boolean }
export interface TopicDescription {
  name: string;
  topicId: string;
  isInternal: boolean;
  partitions: { partition: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }[];
}
export interface ConfigEntry {
  name: string;
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  source: number;
  sensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
}
export interface ConfigResource { type: number; name: string }

export interface AdminOptions extends Partial<ClusterOptions> { timeoutMs?: number }

export class Admin {
  readonly cluster: Cluster;
  private readonly ownsCluster: boolean;
  private readonly timeoutMs: number;

  constructor(clusterOrOpts: Cluster | AdminOptions) {
    if (clusterOrOpts instanceof Cluster) { this.cluster = clusterOrOpts; this.ownsCluster = false; this.timeoutMs = 30_000; } else {
      if (!clusterOrOpts.bootstrap) throw new Error('bootstrap servers are required');
      this.cluster = new Cluster(clusterOrOpts as ClusterOptions);
      this.ownsCluster = true;
      this.timeoutMs = clusterOrOpts.timeoutMs ?? 30_000;
    }
  }

  /** Creates one topic (name, partitions, replicationFactor, configs) or several (NewTopic[]). */
  async createTopics(
    nameOrTopics: string | NewTopic[], partitions = -1, replicationFactor = -1, configs: Record<string, string> = {},
    opts: { validateOnly?: boolean } = {},
  ): Promise<CreatedTopic[]> {
    const topics: NewTopic[] = typeof nameOrTopics === 'string'
      ? [{ name: nameOrTopics, partitions, replicationFactor, configs }] : nameOrTopics;
    const conn = await this.cluster.controllerConnection();
    const res: any = await conn.request(Api.CreateTopics, {
      topics: topics.map((t) => ({
        name: t.name,
        numPartitions: t.partitions ?? -1,
        replicationFactor: t.replicationFactor ?? -1,
        assignments: [],
        configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
      timeoutMs: this.timeoutMs,
      validateOnly: opts.validateOnly ?? false,
    });
    const out: CreatedTopic[] = [];
    for (const r of res.topics ?? []) {
      if (r.errorCode) throw new KafkaProtocolError(r.errorCode, r.errorMessage ?? `topic ${r.name}`);
      out.push({ name: r.name, topicId: r.topicId ?? null, numPartitions: r.numPartitions ?? -1, replicationFactor: r.replicationFactor ?? -1 });
    }
    return out;
  }

  async deleteTopics(names: string | string[]): Promise<void> {
    const list = typeof names === 'string' ? [names] : names;
    const conn = await this.cluster.controllerConnection();
    const res: any = await conn.request(Api.DeleteTopics, {
      topics: list.map((name) => ({ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })),
      topicNames: list,
      timeoutMs: this.timeoutMs,
    });
    for (const r of res.responses ?? []) {
      if (r.errorCode) throw new KafkaProtocolError(r.errorCode, r.errorMessage ?? `topic ${r.name}`);
    }
  }

  async listTopics(opts: { includeInternal?: boolean } = {}): Promise<TopicListing[]> {
    const md = await this.cluster.refreshMetadata(null);
    return md.topics
      .filter((t) => t.errorCode === 0 && (opts.includeInternal !== false || !t.isInternal))
      .map((t) => ({ name: t.name, topicId: t.topicId, isInternal: t.isInternal }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Describes the named topics (all topics when omitted); an unknown name throws. */
  async describeTopics(names?: string[]): Promise<TopicDescription[]> {
    const md = await this.cluster.refreshMetadata(names && names.length ? names : null);
    const out: TopicDescription[] = [];
    for (const t of md.topics) {
      if (t.errorCode && t.partitions.length === 0) throw new KafkaProtocolError(t.errorCode, `topic ${t.name}`);
      out.push({
        name: t.name, topicId: t.topicId, isInternal: t.isInternal,
        partitions: t.partitions.map((p: PartitionInfo) => ({
          partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas,
        })),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Raises a topic's partition count to `totalCount`. */
  async createPartitions(topic: string, totalCount: number, opts: { validateOnly?: boolean } = {}): Promise<void> {
    const conn = await this.cluster.controllerConnection();
    const res: any = await conn.request(Api.CreatePartitions, {
      topics: [{ name: topic, count: totalCount, assignments: null }],
      timeoutMs: this.timeoutMs,
      validateOnly: opts.validateOnly ?? false,
    });
    for (const r of res.results ?? []) {
      if (r.errorCode) throw new KafkaProtocolError(r.errorCode, r.errorMessage ?? `topic ${r.name}`);
    }
  }

  /** Config entries of a resource (topic by name, broker by id string). */
  async describeConfigs(resource: ConfigResource, keys: string[] | null = null): Promise<ConfigEntry[]> {
    const conn = resource.type === ResourceType.BROKER
      ? await this.cluster.connectionFor(Number(resource.name)).catch(() => this.cluster.anyConnection())
      : await this.cluster.anyConnection();
    const res: any = await conn.request(Api.DescribeConfigs, {
      resources: [{ resourceType: resource.type, resourceName: resource.name, configurationKeys: keys }],
      includeSynonyms: true,
      includeDocumentation: false,
    });
    const r = (res.results ?? [])[0];
    if (!r) throw new KafkaProtocolError(ErrorCode.UNKNOWN_SERVER_ERROR, 'empty DescribeConfigs response');
    if (r.errorCode) throw new KafkaProtocolError(r.errorCode, r.errorMessage ?? `${resource.name}`);
    return (r.configs ?? []).map((c: any) => {
      const source = c.configSource ?? -1;
      return {
        name: c.name, value: c.value ?? null, readOnly: !!c.readOnly,
        isDefault: source === -1 ? !!c.isDefault : source === 5,
        source, sensitive: !!c.isSensitive, synonyms: c.synonyms ?? [],
      };
    });
  }

  /**
   * Changes configs of a resource: a string value sets, null deletes (reverts to default).
   * Uses IncrementalAlterConfigs when the broker has it; otherwise AlterConfigs, which
   * replaces all overrides, so the current overrides are read and merged first.
   */
  async alterConfigs(resource: ConfigResource, changes: Record<string, string | null>, opts: { validateOnly?: boolean } = {}): Promise<void> {
    const conn = await this.cluster.anyConnection();
    let res: any;
    if (conn.supports(Api.IncrementalAlterConfigs)) {
      res = await conn.request(Api.IncrementalAlterConfigs, {
        resources: [{
          resourceType: resource.type, resourceName: resource.name,
          configs: Object.entries(changes).map(([name, value]) => ({ name, configOperation: value === null ? 1 : 0, value })),
        }],
        validateOnly: opts.validateOnly ?? false,
      });
    } else {
      const current = await this.describeConfigs(resource);
      const merged: Record<string, string> = {};
      for (const c of current) {
        if (c.source === 1 && c.value !== null) merged[c.name] = c.value;
      }
      for (const [k, v] of Object.entries(changes)) { if (v === null) delete merged[k]; else merged[k] = v; }
      res = await conn.request(Api.AlterConfigs, {
        resources: [{ resourceType: resource.type, resourceName: resource.name, configs: Object.entries(merged).map(([name, value]) => ({ name, value })) }],
        validateOnly: opts.validateOnly ?? false,
      });
    }
    for (const r of res.responses ?? []) {
      if (r.errorCode) throw new KafkaProtocolError(r.errorCode, r.errorMessage ?? resource.name);
    }
  }

  /** Groups known to the brokers, optionally only those in the given states (e.g. ['Empty', 'Stable']). */
  listGroups(states?: string[]): Promise<groups.GroupListing[]> { return groups.listGroups(this.cluster, states ?? []); }

  /** State, assignor and members (with decoded assignments) of groups; unknown groups are 'Dead'. */
  describeGroups(groupIds: string[]): Promise<groups.GroupDescription[]> { return groups.describeGroups(this.cluster, groupIds); }

  /** Committed offsets of a group: all of them, or of the given topics / partitions (offset -1 where none). */
  fetchOffsets(groupId: string, topics?: (string | TopicPartition)[]): Promise<CommittedOffset[]> {
    return groups.fetchOffsets(this.cluster, groupId, topics);
  }

  /** Sets committed offsets of an inactive group (OffsetCommit with generation -1 and no member id). */
  alterOffsets(groupId: string, offsets: OffsetToCommit[]): Promise<void> { return groups.alterOffsets(this.cluster, groupId, offsets); }

  /** Deletes groups; the error code per group (0 when deleted). */
  deleteGroups(groupIds: string[]): Promise<{ groupId: string; errorCode: number }[]> { return groups.deleteGroups(this.cluster, groupIds); }

  /** Deletes committed offsets of partitions the group does not consume. */
  deleteOffsets(groupId: string, partitions: TopicPartition[]): Promise<groups.DeleteOffsetsResult> {
    return groups.deleteOffsets(this.cluster, groupId, partitions);
  }

  async close(): Promise<void> { if (this.ownsCluster) await this.cluster.close(); }
}
