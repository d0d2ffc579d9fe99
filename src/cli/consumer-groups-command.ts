// samsa consumer-groups: kafka-consumer-groups.sh's --list / --describe / --delete /
// --reset-offsets / --delete-offsets with its flag names, checks and output.
import { Admin } from '../client/admin';
import { Consumer } from '../client/consumer';
import type { TopicPartition } from '../client/group/apis';
import { GROUP_STATES, GroupDescription } from '../client/group/group-admin';
import {
  Out, formatDeleteGroups, formatDeleteOffsets, formatListWithState, formatMembers, formatOffsets, formatResetPlan, formatState,
  offsetRows,
} from './consumer-groups-format';
import { UsageError, parseIntOption } from './options';
import { OffsetLookups, ResetSpec, parseDateTime, parseDuration, partitionsToReset, planReset, tpKey } from './reset-offsets';

export interface ConsumerGroupsOptions {
  bootstrapServer?: string;
  list?: boolean;
  describe?: boolean;
  delete?: boolean;
  resetOffsets?: boolean;
  deleteOffsets?: boolean;
  group?: string[];
  allGroups?: boolean;
  topic?: string[];
  allTopics?: boolean;
  members?: boolean;
  offsets?: boolean;
  state?: string | boolean;
  verbose?: boolean;
  toEarliest?: boolean;
  toLatest?: boolean;
  toCurrent?: boolean;
  toOffset?: string;
  shiftBy?: string;
  toDatetime?: string;
  byDuration?: string;
  dryRun?: boolean;
  execute?: boolean;
  timeout?: string;
}

export interface Io { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

type Action = 'list' | 'describe' | 'delete' | 'resetOffsets' | 'deleteOffsets';
const ACTION_FLAGS: Record<Action, string> = {
  list: '--list', describe: '--describe', delete: '--delete', resetOffsets: '--reset-offsets', deleteOffsets: '--delete-offsets',
};
const SCENARIOS = ['toDatetime', 'byDuration', 'toEarliest', 'toLatest', 'shiftBy', 'toCurrent', 'toOffset'] as const;
const flag = (k: string) => `[${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;

export interface Validated { action: Action; reset: ResetSpec | null; states: string[] | null; execute: boolean }

/** Kafka's argument checks (ConsumerGroupCommandOptions.checkArgs); throws UsageError. */
export function validateConsumerGroupsOptions(o: ConsumerGroupsOptions, warn: (s: string) => void): Validated {
  const actions = (Object.keys(ACTION_FLAGS) as Action[]).filter((a) => o[a]);
  if (actions.length !== 1) {
    throw new UsageError(`Command must include exactly one action: ${Object.values(ACTION_FLAGS).join(', ')}`);
  }
  if (!o.bootstrapServer) throw new UsageError('Missing required argument "[bootstrap-server]"');
  const action = actions[0];
  const groups = o.group ?? [];
  const topics = o.topic ?? [];
  const scopes = '[group], [all-groups]';
  if (groups.length && o.allGroups) throw new UsageError('Option "[group]" can\'t be used with option "[all-groups]"');
  for (const k of ['members', 'offsets', 'verbose'] as const) {
    if (o[k] && action !== 'describe') throw new UsageError(`Option [${k}] can only be used with --describe`);
  }
  if (o.state !== undefined && action !== 'describe' && action !== 'list') throw new UsageError('Option [state] can only be used with --describe or --list');
  if (groups.length && action === 'list') throw new UsageError('Option "[group]" can\'t be used with option "[list]"');
  if (topics.length && (action === 'list' || action === 'describe')) throw new UsageError(`Option "[topic]" can't be used with option "[${action}]"`);
  const resetOnly = [...SCENARIOS, 'dryRun', 'execute', 'allTopics'] as const;
  for (const k of resetOnly) {
    if (o[k] !== undefined && o[k] !== false && action !== 'resetOffsets') throw new UsageError(`Option ${flag(k)} can only be used with --reset-offsets`);
  }
  let states: string[] | null = null;
  let reset: ResetSpec | null = null;
  switch (action) {
    case 'list':
      if (typeof o.state === 'string') states = parseStates(o.state);
      else if (o.state === true) states = [];
      break;
    case 'describe': {
      if (!groups.length && !o.allGroups) throw new UsageError(`Option [describe] takes one of these options: ${scopes}`);
      if ([o.members, o.offsets, o.state !== undefined].filter(Boolean).length > 1) {
        throw new UsageError('Option [describe] takes at most one of these options: [members], [offsets], [state]');
      }
      if (typeof o.state === 'string') throw new UsageError('Option [describe] does not take a value for [state]');
      break;
    }
    case 'delete':
      if (!groups.length && !o.allGroups) throw new UsageError(`Option [delete] takes one of these options: ${scopes}`);
      if (topics.length) throw new UsageError('The consumer does not support topic-specific offset deletion from a consumer group.');
      break;
    case 'deleteOffsets':
      if (groups.length !== 1 || !topics.length) throw new UsageError('Option [delete-offsets] takes the following options: [group], [topic]');
      break;
    case 'resetOffsets': {
      if (o.dryRun && o.execute) throw new UsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
      if (!groups.length && !o.allGroups) throw new UsageError(`Option [reset-offsets] takes one of these options: ${scopes}`);
      const used = SCENARIOS.filter((k) => o[k] !== undefined && o[k] !== false);
      if (used.length > 1) throw new UsageError(`Option "${flag(used[0])}" can't be used with option "${flag(used[1])}"`);
      if (used.length === 0) {
        throw new UsageError(`Option [reset-offsets] requires one of the following scenarios: ${SCENARIOS.map(flag).join(', ')}`);
      }
      if (!topics.length && !o.allTopics) throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
      if (topics.length && o.allTopics) throw new UsageError('Option "[topic]" can\'t be used with option "[all-topics]"');
      reset = resetSpec(o, used[0]);
      if (!o.dryRun && !o.execute) {
        warn('WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.');
      }
      break;
    }
  }
  parseIntOption(o.timeout, '--timeout', 1);
  return { action, reset, states, execute: !!o.execute };
}

function resetSpec(o: ConsumerGroupsOptions, scenario: typeof SCENARIOS[number]): ResetSpec {
  switch (scenario) {
    case 'toEarliest': return { kind: 'earliest' };
    case 'toLatest': return { kind: 'latest' };
    case 'toCurrent': return { kind: 'current' };
    case 'toOffset': return { kind: 'offset', offset: parseIntOption(o.toOffset, '--to-offset')! };
    case 'shiftBy': return { kind: 'shift', by: parseIntOption(o.shiftBy, '--shift-by')! };
    case 'toDatetime': return { kind: 'datetime', timestamp: parseDateTime(o.toDatetime!) };
    case 'byDuration': return { kind: 'duration', ms: parseDuration(o.byDuration!) };
  }
}

function parseStates(s: string): string[] {
  const byLower = new Map(GROUP_STATES.map((x) => [x.toLowerCase(), x]));
  const out = s.split(',').map((x) => byLower.get(x.trim().toLowerCase()));
  if (out.some((x) => x === undefined)) throw new UsageError(`Invalid state list '${s}'. Valid states are: ${GROUP_STATES.join(', ')}`);
  return [...new Set(out as string[])];
}

export async function consumerGroupsCommand(o: ConsumerGroupsOptions, io: Io): Promise<number> {
  const v = validateConsumerGroupsOptions(o, (s) => io.stderr.write(`${s}\n`));
  const timeout = parseIntOption(o.timeout, '--timeout', 1) ?? 30_000;
  const admin = new Admin({ bootstrap: o.bootstrapServer!, clientId: 'samsa-consumer-groups', requestTimeoutMs: timeout, timeoutMs: timeout });
  const out: Out = { out: '', err: '' };
  let code = 0;
  try {
    code = await runAction(admin, o, v, out);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    out.out += `\nError: Executing consumer group command failed due to ${(err as Error).message}\n`;
    code = 1;
  } finally {
    await admin.close().catch(() => undefined);
    if (out.err) io.stderr.write(out.err);
    if (out.out) io.stdout.write(out.out);
  }
  return code;
}

async function consumerGroupIds(admin: Admin, states: string[] = []): Promise<string[]> {
  return (await admin.listGroups(states)).filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId);
}

async function runAction(admin: Admin, o: ConsumerGroupsOptions, v: Validated, out: Out): Promise<number> {
  const groupIds = async () => (o.allGroups ? consumerGroupIds(admin) : [...new Set(o.group ?? [])]);
  switch (v.action) {
    case 'list': {
      if (v.states === null) {
        out.out += (await consumerGroupIds(admin)).map((g) => `${g}\n`).join('');
      } else {
        const list = (await admin.listGroups(v.states)).filter((g) => g.protocolType === 'consumer' || g.protocolType === '');
        out.out += formatListWithState(list);
      }
      return 0;
    }
    case 'describe': {
      const descs = sortByGroup(await admin.describeGroups(await groupIds()));
      let code = 0;
      for (const d of descs) {
        if (d.state === 'Dead') code = 1;
        if (o.members) formatMembers(d, !!o.verbose, out);
        else if (o.state !== undefined) formatState(d, out);
        else {
          const committed = new Map((await admin.fetchOffsets(d.groupId)).filter((c) => c.offset >= 0).map((c) => [tpKey(c), c.offset]));
          const all = [...d.members.flatMap((m) => m.assignment), ...[...committed.keys()].map(splitKey)];
          formatOffsets(d, offsetRows(d, committed, await logEndOffsets(admin, all)), out);
        }
      }
      return code;
    }
    case 'delete': {
      const results = await admin.deleteGroups(await groupIds());
      out.out += formatDeleteGroups(results);
      return results.some((r) => r.errorCode !== 0) ? 1 : 0;
    }
    case 'deleteOffsets': {
      const group = o.group![0];
      const partitions = await partitionsToReset(o.topic!, (t) => partitionsOf(admin, t));
      const r = await admin.deleteOffsets(group, partitions);
      out.out += formatDeleteOffsets(group, r.errorCode, r.partitions);
      return r.errorCode || r.partitions.some((p) => p.errorCode) ? 1 : 0;
    }
    case 'resetOffsets': return resetOffsets(admin, o, v, await groupIds(), out);
  }
}

async function resetOffsets(admin: Admin, o: ConsumerGroupsOptions, v: Validated, groups: string[], out: Out): Promise<number> {
  const plan = new Map<string, { topic: string; partition: number; offset: number }[]>();
  let code = 0;
  for (const d of sortByGroup(await admin.describeGroups(groups))) {
    if (d.state !== 'Empty' && d.state !== 'Dead') {
      out.out += `\nError: Assignments can only be reset if the group '${d.groupId}' is inactive, but the current state is ${d.state}.\n`;
      plan.set(d.groupId, []);
      code = 1;
      continue;
    }
    let committed: Map<string, number> | null = null;
    const committedOffsets = async () => (committed ??= new Map((await admin.fetchOffsets(d.groupId)).filter((c) => c.offset >= 0).map((c) => [tpKey(c), c.offset])));
    const partitions = o.allTopics
      ? [...(await committedOffsets()).keys()].map(splitKey)
      : await partitionsToReset(o.topic!, (t) => partitionsOf(admin, t));
    await checkPartitionsExist(admin, partitions);
    const lookups = offsetLookups(admin, committedOffsets);
    const rows = (await planReset(v.reset!, partitions, lookups, { warn: (s) => { out.err += `WARN: ${s}\n`; }, info: (s) => { out.out += `${s}\n`; } }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    if (v.execute) await admin.alterOffsets(d.groupId, rows);
    plan.set(d.groupId, rows);
  }
  out.out += formatResetPlan(plan);
  return code;
}

function sortByGroup(list: GroupDescription[]): GroupDescription[] {
  return [...list].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

function splitKey(k: string): TopicPartition {
  const i = k.lastIndexOf('-');
  return { topic: k.slice(0, i), partition: Number(k.slice(i + 1)) };
}

async function partitionsOf(admin: Admin, topic: string): Promise<number[]> {
  const [d] = await admin.describeTopics([topic]);
  return d.partitions.map((p) => p.partition);
}

async function checkPartitionsExist(admin: Admin, partitions: TopicPartition[]): Promise<void> {
  const topics = [...new Set(partitions.map((tp) => tp.topic))];
  const known = new Set<string>();
  if (topics.length) {
    const md = await admin.cluster.refreshMetadata(topics);
    for (const t of md.topics) for (const p of t.partitions) known.add(`${t.name}-${p.partition}`);
  }
  const missing = partitions.filter((tp) => !known.has(tpKey(tp)));
  if (missing.length) throw new Error(`The partitions "${missing.map(tpKey).join(',')}" do not exist`);
}

/** ListOffsets through samsa's consumer; partitions whose lookup fails map to null. */
async function listOffsets(admin: Admin, tps: TopicPartition[], timestamp: number): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (tps.length === 0) return out;
  const consumer = new Consumer(admin.cluster);
  const reqs = tps.map((tp) => ({ ...tp, timestamp }));
  try {
    const r = await consumer.listOffsets(reqs);
    for (const tp of tps) out.set(tpKey(tp), r.get(`${tp.partition}:${tp.topic}`) ?? null);
  } catch {
    for (const req of reqs) {
      try { out.set(tpKey(req), (await consumer.listOffsets([req])).get(`${req.partition}:${req.topic}`) ?? null); } catch { out.set(tpKey(req), null); }
    }
  }
  return out;
}

function logEndOffsets(admin: Admin, tps: TopicPartition[]): Promise<Map<string, number | null>> { return listOffsets(admin, tps, -1); }

function offsetLookups(admin: Admin, committed: () => Promise<Map<string, number>>): OffsetLookups {
  const known = async (tps: TopicPartition[], ts: number) => {
    const m = await listOffsets(admin, tps, ts);
    return new Map([...m].filter(([, x]) => x !== null) as [string, number][]);
  };
  return {
    earliest: (tps) => known(tps, -2),
    latest: (tps) => known(tps, -1),
    forTimestamp: (tps, ts) => known(tps, ts),
    committed,
    now: () => Date.now(),
  };
}
