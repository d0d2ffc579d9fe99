// samsa console-consumer: prints records (kafka-console-consumer.sh flags and formatter
// properties). With --group (or group.id) it consumes as a member of that consumer group
// and commits as it goes (console-group-consumer.ts); without, all partitions of the topic
// (or --partition) are assigned.
import { Consumer, ConsumerOptions, ConsumedRecord, OffsetSpec } from '../client/consumer';
import type { GroupConsumerOptions } from '../client/group/group-consumer';
import { resolveAssignors } from '../client/group/assignors';
import { UsageError, parseBool, parseIntOption, parseKeyValues, unescapeSeparator, writeOut } from './options';

export interface ConsoleConsumerOptions {
  bootstrapServer?: string;
  topic?: string;
  fromBeginning?: boolean;
  partition?: string;
  offset?: string;
  maxMessages?: string;
  timeoutMs?: string;
  property?: string[];
  consumerProperty?: string[];
  group?: string;
  isolationLevel?: string;
}

export interface Formatter {
  printKey: boolean; printValue: boolean; printOffset: boolean; printPartition: boolean; printTimestamp: boolean;
  printHeaders: boolean; keySeparator: string; lineSeparator: string; headersSeparator: string;
  headersKeySeparator: string; nullLiteral: string;
}

export interface ConsumerPlan {
  consumer: ConsumerOptions;
  topic: string;
  partition: number | undefined;
  start: OffsetSpec;
  maxMessages: number | undefined;
  timeoutMs: number | undefined;
  format: Formatter;
  /** Set with --group / group.id: the group consumer's options (fetch options from `consumer`). */
  group?: GroupConsumerOptions;
}

export interface ConsumerIo { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

export function buildConsumerPlan(o: ConsoleConsumerOptions, warn: (s: string) => void): ConsumerPlan {
  if (!o.bootstrapServer) throw new UsageError('Missing required argument "[bootstrap-server]"');
  if (!o.topic) throw new UsageError('Missing required argument "[topic]"');
  if (o.offset !== undefined && o.partition === undefined) throw new UsageError('The partition is required when offset is specified.');
  if (o.offset !== undefined && o.fromBeginning) throw new UsageError("Options from-beginning and offset can't be used together.");
  const partition = parseIntOption(o.partition, '--partition', 0);
  let start: OffsetSpec = o.fromBeginning ? 'earliest' : 'latest';
  if (o.offset !== undefined) {
    const v = o.offset.trim().toLowerCase();
    if (v === 'earliest' || v === 'latest') start = v;
    else start = parseIntOption(o.offset, '--offset', 0)!;
  }
  const maxMessages = parseIntOption(o.maxMessages, '--max-messages', 1);
  const timeoutMs = parseIntOption(o.timeoutMs, '--timeout-ms', 1);
  const cp = parseKeyValues(o.consumerProperty, '--consumer-property');
  const groupIds = [...new Set([o.group, cp['group.id']].filter((g): g is string => g !== undefined))];
  if (groupIds.length > 1) {
    throw new UsageError("The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. "
      + `Detected group ids: ${groupIds.map((g) => `'${g}'`).join(', ')}`);
  }
  if (groupIds.length && o.partition !== undefined) throw new UsageError('Options group and partition cannot be specified together.');
  const group: Partial<GroupConsumerOptions> = {};
  const consumer: ConsumerOptions = { bootstrap: o.bootstrapServer, clientId: 'samsa-console-consumer', autoOffsetReset: 'earliest' };
  for (const [k, v] of Object.entries(cp)) {
    switch (k) {
      case 'fetch.max.wait.ms': consumer.maxWaitMs = parseIntOption(v, k, 0); break;
      case 'fetch.min.bytes': consumer.minBytes = parseIntOption(v, k, 0); break;
      case 'fetch.max.bytes': consumer.maxBytes = parseIntOption(v, k, 1); break;
      case 'max.partition.fetch.bytes': consumer.maxPartitionBytes = parseIntOption(v, k, 1); break;
      case 'client.id': consumer.clientId = v; break;
      case 'request.timeout.ms': consumer.requestTimeoutMs = parseIntOption(v, k, 1); break;
      case 'auto.offset.reset':
        if (!['earliest', 'latest', 'none'].includes(v)) throw new UsageError(`Invalid value '${v}' for auto.offset.reset`);
        consumer.autoOffsetReset = v as 'earliest' | 'latest' | 'none';
        break;
      case 'isolation.level': o.isolationLevel = v; break;
      case 'group.id': break;
      case 'group.instance.id': group.groupInstanceId = v; break;
      case 'session.timeout.ms': group.sessionTimeoutMs = parseIntOption(v, k, 1); break;
      case 'heartbeat.interval.ms': group.heartbeatIntervalMs = parseIntOption(v, k, 1); break;
      case 'max.poll.interval.ms': group.rebalanceTimeoutMs = parseIntOption(v, k, 1); break;
      case 'auto.commit.interval.ms': group.autoCommitIntervalMs = parseIntOption(v, k, 0); break;
      case 'retry.backoff.ms': group.retryBackoffMs = parseIntOption(v, k, 0); break;
      case 'enable.auto.commit': group.autoCommit = parseBool(v, k); break;
      case 'partition.assignment.strategy': group.assignors = v.split(',').map((x) => x.trim()).filter(Boolean); break;
      default: warn(`Ignoring unsupported consumer property ${k}=${v}`);
    }
  }
  if (o.isolationLevel !== undefined) {
    if (o.isolationLevel !== 'read_committed' && o.isolationLevel !== 'read_uncommitted') {
      throw new UsageError(`Invalid value '${o.isolationLevel}' for --isolation-level: read_committed or read_uncommitted`);
    }
    consumer.isolationLevel = o.isolationLevel === 'read_committed' ? 1 : 0;
  }
  if (timeoutMs !== undefined) consumer.maxWaitMs = Math.min(consumer.maxWaitMs ?? 500, timeoutMs);
  const plan: ConsumerPlan = { consumer, topic: o.topic, partition, start, maxMessages, timeoutMs, format: buildFormatter(o.property, warn) };
  if (groupIds.length) {
    // Kafka's console consumer: an explicit auto.offset.reset wins, else --from-beginning means earliest, else latest
    const reset = cp['auto.offset.reset'] ?? (o.fromBeginning ? 'earliest' : 'latest');
    if (o.fromBeginning && reset !== 'earliest') {
      throw new UsageError(`Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option`);
    }
    if (!['earliest', 'latest', 'none'].includes(reset)) throw new UsageError(`Invalid value '${reset}' for auto.offset.reset`);
    if (group.assignors) {
      try { resolveAssignors(group.assignors); } catch (err) { throw new UsageError((err as Error).message); }
    }
    plan.group = { ...consumer, ...group, groupId: groupIds[0], autoOffsetReset: reset as 'earliest' | 'latest' | 'none' };
  }
  return plan;
}

export function buildFormatter(list: string[] | undefined, warn: (s: string) => void): Formatter {
  const p = parseKeyValues(list, '--property');
  const b = (k: string, d: boolean) => parseBool(p[k], k) ?? d;
  const s = (k: string, d: string) => (p[k] !== undefined ? unescapeSeparator(p[k]) : d);
  const f: Formatter = {
    printKey: b('print.key', false), printValue: b('print.value', true), printOffset: b('print.offset', false),
    printPartition: b('print.partition', false), printTimestamp: b('print.timestamp', false), printHeaders: b('print.headers', false),
    keySeparator: s('key.separator', '\t'), lineSeparator: s('line.separator', '\n'), headersSeparator: s('headers.separator', ','),
    headersKeySeparator: s('headers.key.separator', ':'), nullLiteral: p['null.literal'] ?? 'null',
  };
  const known = ['print.key', 'print.value', 'print.offset', 'print.partition', 'print.timestamp', 'print.headers',
    'key.separator', 'line.separator', 'headers.separator', 'headers.key.separator', 'null.literal'];
  for (const k of Object.keys(p)) if (!known.includes(k)) warn(`Ignoring unsupported property ${k}`);
  return f;
}

/** One record as Kafka's DefaultMessageFormatter prints it. */
export function formatRecord(r: ConsumedRecord, f: Formatter): string {
  const parts: string[] = [];
  const str = (b: Buffer | null) => (b === null ? f.nullLiteral : b.toString('utf8'));
  if (f.printTimestamp) parts.push(r.timestamp >= 0 ? `CreateTime:${r.timestamp}` : 'NO_TIMESTAMP');
  if (f.printPartition) parts.push(`Partition:${r.partition}`);
  if (f.printOffset) parts.push(`Offset:${r.offset}`);
  if (f.printHeaders) {
    parts.push(r.headers.length === 0 ? 'NO_HEADERS'
      : r.headers.map((h) => `${h.key}${f.headersKeySeparator}${str(h.value)}`).join(f.headersSeparator));
  }
  if (f.printKey) parts.push(str(r.key));
  if (f.printValue) parts.push(str(r.value));
  return parts.join(f.keySeparator) + f.lineSeparator;
}

export async function consoleConsumer(o: ConsoleConsumerOptions, io: ConsumerIo): Promise<number> {
  const plan = buildConsumerPlan(o, (s) => io.stderr.write(`${s}\n`));
  if (plan.group) return (await import('./console-group-consumer')).consoleGroupConsumer(plan, io);
  const consumer = new Consumer(plan.consumer);
  let count = 0;
  let stopping = false;
  const onSignal = () => { stopping = true; };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let exit = 0;
  try {
    if (plan.partition !== undefined) {
      const t = await consumer.cluster.topic(plan.topic, { refresh: true });
      if (!t.partitions.some((p) => p.partition === plan.partition)) throw new Error(`Partition ${plan.partition} of topic ${plan.topic} does not exist`);
      await consumer.assign([{ topic: plan.topic, partition: plan.partition, offset: plan.start }]);
    } else {
      await consumer.assignTopic(plan.topic, plan.start);
    }
    let lastRecordAt = Date.now();
    while (!stopping) {
      const records = await consumer.poll();
      if (records.length) {
        lastRecordAt = Date.now();
        let out = '';
        for (const r of records) {
          out += formatRecord(r, plan.format);
          if (plan.maxMessages !== undefined && ++count >= plan.maxMessages) { stopping = true; break; }
          if (plan.maxMessages === undefined) count++;
        }
        await writeOut(io.stdout, out);
      } else if (plan.timeoutMs !== undefined && Date.now() - lastRecordAt >= plan.timeoutMs) {
        break;
      }
    }
  } catch (err) {
    io.stderr.write(`Error processing message, terminating consumer process: ${(err as Error).message}\n`);
    exit = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await consumer.close().catch(() => undefined);
  }
  io.stderr.write(`Processed a total of ${count} messages\n`);
  return exit;
}
