// samsa topics: kafka-topics.sh's --create / --list / --describe / --delete / --alter.
import { Admin, ResourceType } from '../client/admin';
import { KafkaProtocolError } from '../client/errors';
import { UsageError, parseIntOption, parseKeyValues } from './options';

export interface TopicsOptions {
  bootstrapServer?: string;
  create?: boolean;
  list?: boolean;
  describe?: boolean;
  delete?: boolean;
  alter?: boolean;
  topic?: string;
  partitions?: string;
  replicationFactor?: string;
  config?: string[];
  deleteConfig?: string[];
  ifNotExists?: boolean;
  ifExists?: boolean;
  excludeInternal?: boolean;
  commandTimeoutMs?: string;
}

export interface Io { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

/** Checks flag combinations; returns the action. Throws UsageError. */
export function validateTopicsOptions(o: TopicsOptions): 'create' | 'list' | 'describe' | 'delete' | 'alter' {
  const actions = (['create', 'list', 'describe', 'delete', 'alter'] as const).filter((a) => o[a]);
  if (actions.length !== 1) {
    throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
  }
  if (!o.bootstrapServer) throw new UsageError('Missing required argument "[bootstrap-server]"');
  const action = actions[0];
  if ((action === 'create' || action === 'delete' || action === 'alter') && !o.topic) {
    throw new UsageError(`Missing required argument "[topic]" for --${action}`);
  }
  if (o.partitions !== undefined && action !== 'create' && action !== 'alter') {
    throw new UsageError('Option "[partitions]" can only be used with --create or --alter');
  }
  if (o.replicationFactor !== undefined && action !== 'create') {
    throw new UsageError('Option "[replication-factor]" can only be used with --create');
  }
  if (o.config?.length && action !== 'create' && action !== 'alter') {
    throw new UsageError('Option "[config]" can only be used with --create or --alter');
  }
  if (action === 'alter' && o.partitions === undefined && !o.config?.length && !o.deleteConfig?.length) {
    throw new UsageError('--alter needs --partitions (or --config / --delete-config)');
  }
  parseIntOption(o.partitions, '--partitions', 1);
  parseIntOption(o.replicationFactor, '--replication-factor', 1);
  parseKeyValues(o.config, '--config');
  return action;
}

export async function topicsCommand(o: TopicsOptions, io: Io): Promise<number> {
  const action = validateTopicsOptions(o);
  const timeout = parseIntOption(o.commandTimeoutMs, '--command-timeout-ms', 1) ?? 30_000;
  const admin = new Admin({ bootstrap: o.bootstrapServer!, clientId: 'samsa-topics', requestTimeoutMs: timeout, timeoutMs: timeout });
  try {
    switch (action) {
      case 'create': {
        try {
          await admin.createTopics(o.topic!, parseIntOption(o.partitions, '--partitions', 1) ?? -1,
            parseIntOption(o.replicationFactor, '--replication-factor', 1) ?? -1, parseKeyValues(o.config, '--config'));
        } catch (err) {
          if (o.ifNotExists && err instanceof KafkaProtocolError && err.codeName === 'TOPIC_ALREADY_EXISTS') return 0;
          throw err;
        }
        io.stdout.write(`Created topic ${o.topic}.\n`);
        return 0;
      }
      case 'list': {
        const topics = await admin.listTopics({ includeInternal: !o.excludeInternal });
        const names = topics.map((t) => t.name).filter((n) => !o.topic || matchTopic(o.topic, n));
        io.stdout.write(names.map((n) => `${n}\n`).join(''));
        return 0;
      }
      case 'describe': {
        let descs = await admin.describeTopics();
        if (o.topic) descs = descs.filter((d) => matchTopic(o.topic!, d.name));
        if (o.excludeInternal) descs = descs.filter((d) => !d.isInternal);
        if (o.topic && descs.length === 0 && !o.ifExists) throw new Error(`Topic '${o.topic}' does not exist as expected`);
        for (const d of descs) {
          const configs = await admin.describeConfigs({ type: ResourceType.TOPIC, name: d.name }).catch(() => []);
          const shown = configs.filter((c) => !c.isDefault && !c.sensitive).map((c) => `${c.name}=${c.value}`).join(',');
          const rf = d.partitions.length ? d.partitions[0].replicas.length : 0;
          io.stdout.write(`Topic: ${d.name}\tTopicId: ${d.topicId}\tPartitionCount: ${d.partitions.length}\tReplicationFactor: ${rf}\tConfigs: ${shown}\n`);
          for (const p of d.partitions) {
            const leader = p.leader < 0 ? 'none' : String(p.leader);
            io.stdout.write(`\tTopic: ${d.name}\tPartition: ${p.partition}\tLeader: ${leader}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\n`);
          }
        }
        return 0;
      }
      case 'delete': {
        const exists = (await admin.listTopics()).some((t) => t.name === o.topic);
        if (!exists) {
          if (o.ifExists) return 0;
          throw new Error(`Topic '${o.topic}' does not exist as expected`);
        }
        await admin.deleteTopics([o.topic!]);
        return 0;
      }
      case 'alter': {
        const exists = (await admin.listTopics()).some((t) => t.name === o.topic);
        if (!exists) {
          if (o.ifExists) return 0;
          throw new Error(`Topic '${o.topic}' does not exist as expected`);
        }
        const changes: Record<string, string | null> = parseKeyValues(o.config, '--config');
        for (const k of o.deleteConfig ?? []) changes[k] = null;
        if (Object.keys(changes).length) await admin.alterConfigs({ type: ResourceType.TOPIC, name: o.topic! }, changes);
        const n = parseIntOption(o.partitions, '--partitions', 1);
        if (n !== undefined) await admin.createPartitions(o.topic!, n);
        return 0;
      }
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    io.stderr.write(`Error while executing topic command : ${(err as Error).message}\n`);
    return 1;
  } finally {
    await admin.close();
  }
}

/** kafka-topics.sh treats --topic as a regular expression for --list/--describe. */
function matchTopic(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  try { return new RegExp(`^(?:${pattern})$`).test(name); } catch { return false; }
}
