// Output of `samsa consumer-groups`, laid out as kafka-consumer-groups.sh prints it
// (Java format strings: `%-Ns` pads to N, wider values push the line; "-" marks a missing value).
import type { TopicPartition } from '../client/group/apis';
import type { GroupDescription, GroupListing } from '../client/group/group-admin';
import { errorName } from '../protocol/error-codes';

export const MISSING = '-';

/** Java's String.format for the subset used here: %s and %-Ns / %Ns, %n. */
export function jfmt(format: string, ...args: (string | number | null | undefined)[]): string {
  let i = 0;
  return format.replace(/%(-?)(\d*)([sn])/g, (_, left: string, width: string, conv: string) => {
    if (conv === 'n') return '\n';
    const v = String(args[i++] ?? 'null');
    const w = width ? Number(width) : 0;
    return left ? v.padEnd(w) : v.padStart(w);
  });
}

export interface OffsetRow {
  group: string;
  topic: string | null;
  partition: number | null;
  offset: number | null;
  logEndOffset: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface Out { out: string; err: string }

/** Kafka's shouldPrintMemberState: notes about the group state; whether to print the table. */
export function memberStateNotes(group: string, state: string, rows: number, o: Out): boolean {
  switch (state) {
    case 'Dead': o.out += `\nError: Consumer group '${group}' does not exist.\n`; break;
    case 'Empty': o.err += `\nConsumer group '${group}' has no active members.\n`; break;
    case 'PreparingRebalance': case 'CompletingRebalance': case 'Assigning': case 'Reconciling':
      o.err += `\nWarning: Consumer group '${group}' is rebalancing.\n`; break;
    case 'Stable': break;
    default: throw new Error(`Expected a valid consumer group state, but found '${state}'.`);
  }
  return state !== 'Dead' && rows > 0;
}

const lag = (r: OffsetRow) => (r.offset !== null && r.offset !== -1 && r.logEndOffset !== null ? r.logEndOffset - r.offset : null);
const cell = (v: string | number | null) => (v === null ? MISSING : v);

/**
 * Rows of `--describe` (offsets): members with partitions, most partitions first, each
 * member's partitions by topic and partition; then committed partitions nobody owns.
 */
export function offsetRows(d: GroupDescription, committed: Map<string, number>, logEnd: Map<string, number | null>): OffsetRow[] {
  const key = (tp: TopicPartition) => `${tp.topic}-${tp.partition}`;
  const sortTp = (a: TopicPartition, b: TopicPartition) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition);
  const rows: OffsetRow[] = [];
  const owned = new Set<string>();
  const members = d.members.filter((m) => m.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length);
  for (const m of members) {
    for (const tp of [...m.assignment].sort(sortTp)) {
      owned.add(key(tp));
      rows.push({
        group: d.groupId, topic: tp.topic, partition: tp.partition, offset: committed.get(key(tp)) ?? null,
        logEndOffset: logEnd.get(key(tp)) ?? null, consumerId: m.memberId, host: m.clientHost, clientId: m.clientId,
      });
    }
  }
  const rest = [...committed.keys()].filter((k) => !owned.has(k)).map((k) => {
    const i = k.lastIndexOf('-');
    return { topic: k.slice(0, i), partition: Number(k.slice(i + 1)) };
  }).sort(sortTp);
  for (const tp of rest) {
    rows.push({
      group: d.groupId, topic: tp.topic, partition: tp.partition, offset: committed.get(key(tp)) ?? null,
      logEndOffset: logEnd.get(key(tp)) ?? null, consumerId: MISSING, host: MISSING, clientId: MISSING,
    });
  }
  return rows;
}

export function formatOffsets(d: GroupDescription, rows: OffsetRow[], o: Out): void {
  if (!memberStateNotes(d.groupId, d.state, rows.length, o)) return;
  let g = 15, t = 15, c = 15, h = 15;
  for (const r of rows) {
    g = Math.max(g, r.group.length); t = Math.max(t, (r.topic ?? MISSING).length);
    c = Math.max(c, (r.consumerId ?? MISSING).length); h = Math.max(h, (r.host ?? MISSING).length);
  }
  const f = `\n%-${g}s %-${t}s %-10s %-15s %-15s %-15s %-${c}s %-${h}s %s`;
  o.out += jfmt(f, 'GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID');
  for (const r of rows) {
    o.out += jfmt(f, r.group, cell(r.topic), cell(r.partition), cell(r.offset), cell(r.logEndOffset), cell(lag(r)), cell(r.consumerId), cell(r.host), cell(r.clientId));
  }
  o.out += '\n';
}

/** "topic:0,1;other:3" as Kafka's getAssignmentString. */
export function assignmentString(tps: TopicPartition[]): string {
  const by = new Map<string, number[]>();
  for (const tp of tps) { let l = by.get(tp.topic); if (!l) by.set(tp.topic, (l = [])); l.push(tp.partition); }
  return [...by].map(([topic, ps]) => `${topic}:${ps.sort((a, b) => a - b).join(',')}`).sort().join(';');
}

export function formatMembers(d: GroupDescription, verbose: boolean, o: Out): void {
  if (!memberStateNotes(d.groupId, d.state, d.members.length, o)) return;
  let g = 15, c = 15, gi = 17, h = 15, cl = 15, cur = 20;
  const target = 20;
  let withInstance = false;
  for (const m of d.members) {
    g = Math.max(g, d.groupId.length); c = Math.max(c, m.memberId.length); gi = Math.max(gi, (m.groupInstanceId ?? '').length);
    h = Math.max(h, m.clientHost.length); cl = Math.max(cl, m.clientId.length);
    withInstance = withInstance || !!m.groupInstanceId;
    cur = Math.max(cur, (m.assignment.length ? assignmentString(m.assignment) : MISSING).length);
  }
  const fWith = `%-${g}s %-${c}s %-${gi}s %-${h}s %-${cl}s %-15s `;
  const fWithout = `%-${g}s %-${c}s %-${h}s %-${cl}s %-15s `;
  const fVerbose = `%-15s %-${cur}s %-15s %-${target}s`;
  o.out += withInstance
    ? jfmt(`\n${fWith}`, 'GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS')
    : jfmt(`\n${fWithout}`, 'GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS');
  if (verbose) o.out += jfmt(fVerbose, 'CURRENT-EPOCH', 'CURRENT-ASSIGNMENT', 'TARGET-EPOCH', 'TARGET-ASSIGNMENT');
  o.out += '\n';
  for (const m of d.members) {
    o.out += withInstance
      ? jfmt(fWith, d.groupId, m.memberId, m.groupInstanceId ?? '', m.clientHost, m.clientId, m.assignment.length)
      : jfmt(fWithout, d.groupId, m.memberId, m.clientHost, m.clientId, m.assignment.length);
    if (verbose) o.out += jfmt(fVerbose, MISSING, m.assignment.length ? assignmentString(m.assignment) : MISSING, MISSING, MISSING);
    o.out += '\n';
  }
}

export function formatState(d: GroupDescription, o: Out): void {
  if (!memberStateNotes(d.groupId, d.state, 1, o)) return;
  const coordinator = `${d.coordinator.host}:${d.coordinator.port}  (${d.coordinator.nodeId})`;
  const f = `\n%-${Math.max(15, d.groupId.length)}s %-${Math.max(25, coordinator.length)}s %-20s %-20s %s`;
  o.out += jfmt(f, 'GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS');
  o.out += jfmt(f, d.groupId, coordinator, d.protocol || MISSING, d.state, d.members.length);
  o.out += '\n';
}

/** `--list --state`: GROUP and STATE columns. */
export function formatListWithState(groups: GroupListing[]): string {
  const g = Math.max(15, ...groups.map((x) => x.groupId.length)) + 10;
  const f = `%-${g}s %-20s%n`;
  return jfmt(f, 'GROUP', 'STATE') + groups.map((x) => jfmt(f, x.groupId, x.state ?? 'Unknown')).join('');
}

/** The plan printed by --reset-offsets (dry run and execute alike). */
export function formatResetPlan(plan: Map<string, { topic: string; partition: number; offset: number }[]>): string {
  const g = Math.max(15, ...[...plan.keys()].map((k) => k.length));
  const t = Math.max(15, ...[...plan.values()].flat().map((r) => r.topic.length));
  const f = `%n%-${g}s %-${t}s %-10s %s`;
  let s = plan.size ? jfmt(f, 'GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET') : '';
  for (const [group, rows] of plan) for (const r of rows) s += jfmt(f, group, r.topic, r.partition, r.offset);
  return `${s}\n`;
}

const GROUP_ERROR_TEXT: Record<string, string> = {
  GROUP_ID_NOT_FOUND: 'The group id does not exist.',
  NON_EMPTY_GROUP: 'The group is not empty.',
  GROUP_SUBSCRIBED_TO_TOPIC: 'The consumer group is actively subscribed to the topic',
  UNKNOWN_TOPIC_OR_PARTITION: 'This server does not host this topic-partition.',
  INVALID_GROUP_ID: 'The configured groupId is invalid.',
  GROUP_AUTHORIZATION_FAILED: 'Not authorized to access group: Group authorization failed.',
  COORDINATOR_NOT_AVAILABLE: 'The coordinator is not available.',
};

/** "NAME: text" for an error code. */
export function describeError(code: number): string {
  const name = errorName(code);
  return GROUP_ERROR_TEXT[name] ? `${name}: ${GROUP_ERROR_TEXT[name]}` : name;
}

export function formatDeleteGroups(results: { groupId: string; errorCode: number }[]): string {
  const ok = results.filter((r) => r.errorCode === 0).map((r) => `'${r.groupId}'`);
  const failed = results.filter((r) => r.errorCode !== 0);
  if (failed.length === 0) return `Deletion of requested consumer groups (${ok.join(', ')}) was successful.\n`;
  let s = '\nError: Deletion of some consumer groups failed:\n';
  for (const f of failed) s += `* Group '${f.groupId}' could not be deleted due to: ${describeError(f.errorCode)}\n`;
  if (ok.length) s += `\nThese consumer groups were deleted successfully: ${ok.join(', ')}\n`;
  return s;
}

export function formatDeleteOffsets(group: string, topLevel: number, partitions: (TopicPartition & { errorCode: number })[]): string {
  let s = '';
  const name = errorName(topLevel);
  if (topLevel === 0) s += `Request succeeded for deleting offsets from group ${group}.\n`;
  else if (['INVALID_GROUP_ID', 'GROUP_ID_NOT_FOUND', 'GROUP_AUTHORIZATION_FAILED', 'NON_EMPTY_GROUP'].includes(name)) s += `\nError: ${describeError(topLevel)}\n`;
  else if (['GROUP_SUBSCRIBED_TO_TOPIC', 'TOPIC_AUTHORIZATION_FAILED', 'UNKNOWN_TOPIC_OR_PARTITION'].includes(name)) {
    s += '\nError: Encountered some partition-level error, see the follow-up details.\n';
  } else s += `\nError: Encountered some unknown error: ${name}\n`;
  const t = Math.max(15, ...partitions.map((p) => p.topic.length));
  const f = `%n%-${t}s %-10s %-15s`;
  s += jfmt(f, 'TOPIC', 'PARTITION', 'STATUS');
  const sorted = [...partitions].sort((a, b) => (`${a.topic}${a.partition}` < `${b.topic}${b.partition}` ? -1 : 1));
  for (const p of sorted) {
    s += jfmt(f, p.topic, p.partition >= 0 ? p.partition : MISSING, p.errorCode ? `Error: ${describeError(p.errorCode)}` : 'Successful');
  }
  return `${s}\n`;
}
