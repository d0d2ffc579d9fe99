// One assignor scenario, for any client: two members join a group on a 4-partition topic, a
// third joins, then the first leaves cleanly, while records stream in (a third of them in each
// phase). A GroupWatcher keeps every Stable DescribeGroups answer; expectScenario() checks the
// protocol, the ownership of every partition, the assignor's own rules, the member bytes the
// broker holds (assignments, owned partitions, sticky user data), the revocations the members
// reported, and that every record was consumed.
import { expect } from 'chai';
import type { Consumed } from './groups-members';
import { RecordSource } from './groups-records';
import { decodeAssignment, decodeSubscription } from '../../src/client/group/consumer-protocol';
import {
  assignmentOf, byMemberId, type ConsumedTally, decodeStickyUserData, distinctConsumed, type ExpectedAssignment, intersect,
  isBalanced, isFull, isSubset, ownershipFaults, partitionsOf, revokedIn, type Snapshot, stickyMoves, tallyConsumed,
} from './assignors-checks';
import { GroupWatcher, type RawGroup, rawOf } from './assignors-watch';

export const ASSIGNOR_PARTITIONS = 4;
export const ASSIGNOR_RECORDS = 6000;
/** Records per second while streaming (each phase streams a third of the records). */
const RATE = 800;
const STABLE_TIMEOUT_MS = 45_000;
/** After the last record arrived, how long to watch for late duplicates. */
const SETTLE_MS = 500;

/** What the scenario needs of a group member (GroupMember for processes, or an in-process one). */
export interface ScenarioMember {
  readonly name: string;
  readonly records: Consumed[];
  /** "# KIND ..." event lines (REVOKED lists revoked partitions), empty when the client reports none. */
  readonly events: string[];
  readonly errorOutput: string;
  /** Leave the group cleanly and end. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

export interface AssignorCase {
  /** Test title part, e.g. 'range'. */
  assignor: string;
  /** The protocol name DescribeGroups must report. */
  protocol: string;
  rebalance: 'eager' | 'cooperative';
  /** The exact assignment of a deterministic assignor (range, round robin). */
  expected?: ExpectedAssignment;
  /** Sticky assignors: balanced, and only the partitions balance needs move. */
  sticky?: boolean;
  /**
   * What the members' metadata must say about their previous assignment, as stored by the broker:
   * 'owned-partitions' (ConsumerProtocolSubscription v1+ OwnedPartitions, cooperative protocols),
   * 'sticky-user-data' (the eager sticky assignor's user data: the previous assignment).
   */
  memberState?: 'owned-partitions' | 'sticky-user-data';
  /** Members print REVOKED events. */
  reportsRevokes: boolean;
  /**
   * Let the leaving member catch up and stop before the last third streams in (after this many
   * ms): kcat drops a record it polls after SIGTERM without printing it, yet librdkafka stored its
   * offset and commits it on close, so the group never sees that record again.
   */
  quietLeaveMs?: number;
  start(o: { bootstrap: string; topic: string; group: string; clientId: string }): ScenarioMember | Promise<ScenarioMember>;
}

export interface ScenarioResult {
  topic: string;
  /** Stable answers: two members, three members, after the leave. */
  phases: Snapshot[];
  /** The same groups from a DescribeGroups whose member bytes are not decoded. */
  raw: RawGroup[];
  stable: Snapshot[];
  tally: ConsumedTally;
  /** Partitions the members reported revoked before they were told to stop (null: not reported). */
  revoked: number | null;
  leaveExit: { code: number | null; signal: NodeJS.Signals | null };
  ms: { two: number; three: number; leave: number; total: number };
  polls: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(50);
  }
}

/** What was consumed, and around each of the first missing records who read which offsets of its partition. */
function describeConsumed(acked: Map<string, string>, members: ScenarioMember[]): string {
  const t = tallyConsumed(acked, members);
  const around = t.missing.slice(0, 3).map((k) => {
    const [p, o] = k.split(':').map(Number);
    const near = members.map((m) => {
      const offs = m.records.filter((r) => r.partition === p).map((r) => r.offset);
      const before = Math.max(-1, ...offs.filter((x) => x < o));
      const after = Math.min(Infinity, ...offs.filter((x) => x > o));
      return `${m.name} read ${before < 0 ? 'nothing' : `up to ${before}`} before, ${after === Infinity ? 'nothing' : `from ${after}`} after`;
    });
    return `${k}: ${near.join('; ')}`;
  });
  return `${t.consumed} consumed of ${t.expected}, ${t.duplicated} duplicated, ${t.missing.length} missing` +
    `${around.length ? ` (${around.join(' | ')})` : ''}, per member ${JSON.stringify(t.perMember)}`;
}

/** Runs the scenario; topic (ASSIGNOR_PARTITIONS partitions) must exist. Members still running are the caller's to kill (track()). */
export async function runScenario(c: AssignorCase, o: { bootstrap: string; topic: string; group: string; prefix: string },
  track: (m: ScenarioMember) => void): Promise<ScenarioResult> {
  const t0 = Date.now();
  const ids = [0, 1, 2].map((i) => `${o.prefix}-m${i}`);
  const start = async (clientId: string): Promise<ScenarioMember> => {
    const m = await c.start({ bootstrap: o.bootstrap, topic: o.topic, group: o.group, clientId });
    track(m);
    return m;
  };
  const watcher = new GroupWatcher(o.bootstrap, o.group, o.topic, ASSIGNOR_PARTITIONS);
  const src = new RecordSource(o.bootstrap, o.topic, ASSIGNOR_PARTITIONS, c.assignor);
  const third = Math.floor(ASSIGNOR_RECORDS / 3);
  try {
    const [m0, m1] = await Promise.all([start(ids[0]), start(ids[1])]);
    src.stream(third, RATE);
    const s1 = await watcher.stableWith(ids.slice(0, 2), STABLE_TIMEOUT_MS);
    const two = Date.now() - t0;
    const raw = [await rawOf(o.bootstrap, o.group, s1)];
    await src.done();

    const t1 = Date.now();
    const m2 = await start(ids[2]);
    src.stream(third, RATE);
    const s2 = await watcher.stableWith(ids, STABLE_TIMEOUT_MS);
    const three = Date.now() - t1;
    raw.push(await rawOf(o.bootstrap, o.group, s2));
    await src.done();

    const members = [m0, m1, m2];
    if (c.quietLeaveMs !== undefined) {
      await waitFor(() => distinctConsumed(members) >= src.acked.size, 60_000, () => `records before the leave: ${describeConsumed(src.acked, members)}`);
    }
    const t2 = Date.now();
    const m0Events = m0.events.length;
    const leaving = m0.stop();
    if (c.quietLeaveMs !== undefined) await sleep(c.quietLeaveMs);
    src.stream(ASSIGNOR_RECORDS - 2 * third, RATE);
    const s3 = await watcher.stableWith(ids.slice(1), STABLE_TIMEOUT_MS);
    const leave = Date.now() - t2;
    raw.push(await rawOf(o.bootstrap, o.group, s3));
    const leaveExit = await leaving;
    await src.done();
    expect(src.failed, 'records not acknowledged').to.equal(0);

    await waitFor(() => distinctConsumed(members) >= src.acked.size, 30_000, () => `every record: ${describeConsumed(src.acked, members)}`);
    await sleep(SETTLE_MS);
    const revoked = c.reportsRevokes ? revokedIn(m0.events, m0Events) + revokedIn(m1.events, m1.events.length) + revokedIn(m2.events, m2.events.length) : null;
    const ends = await Promise.all([m1.stop(), m2.stop()]);
    ends.forEach((e, i) => expect(e, `${members[i + 1].name} exit:\n${members[i + 1].errorOutput}`).to.deep.equal({ code: 0, signal: null }));
    return {
      topic: o.topic, phases: [s1, s2, s3], raw, stable: [...watcher.stable], tally: tallyConsumed(src.acked, members), revoked, leaveExit,
      ms: { two, three, leave, total: Date.now() - t0 }, polls: watcher.polls,
    };
  } finally {
    await watcher.stop();
    await src.close();
  }
}

/**
 * The member bytes the broker holds at each phase: the assignment bytes decode to what the
 * admin client showed, and the metadata carries the client's own record of its previous
 * assignment (owned partitions, sticky user data) as the assignor needs it.
 */
function expectMemberBytes(c: AssignorCase, r: ScenarioResult): void {
  r.raw.forEach((raw, i) => {
    const s = r.phases[i];
    expect(raw.protocol, `raw DescribeGroups protocol at phase ${i + 1}`).to.equal(c.protocol);
    for (const m of raw.members) {
      const parts = decodeAssignment(m.assignment).partitions.map((tp) => tp.partition).sort((a, b) => a - b);
      expect(parts, `${m.clientId}'s assignment bytes at phase ${i + 1}`).to.deep.equal(partitionsOf(s, m.clientId));
      if (!c.memberState) continue;
      const sub = decodeSubscription(m.metadata);
      const prev = i > 0 ? partitionsOf(r.phases[i - 1], m.clientId) : [];
      const what = `${m.clientId}'s metadata at phase ${i + 1} (assigned ${JSON.stringify(partitionsOf(s, m.clientId))}, before ${JSON.stringify(prev)})`;
      if (c.memberState === 'owned-partitions') {
        const owned = sub.ownedPartitions.map((tp) => tp.partition).sort((a, b) => a - b);
        expect(isSubset(owned, partitionsOf(s, m.clientId)), `${what}: owned ${JSON.stringify(owned)} kept`).to.equal(true);
        expect(isSubset(intersect(prev, partitionsOf(s, m.clientId)), owned), `${what}: owned ${JSON.stringify(owned)} has what it kept`).to.equal(true);
      } else if (i > 0) {
        const ud = decodeStickyUserData(sub.userData);
        expect(ud?.previous.get(r.topic) ?? [], `${what}: previous assignment in the sticky user data`).to.deep.equal(prev);
      }
    }
  });
}

/** The assertions on a scenario's result; returns a one-line report. */
export function expectScenario(c: AssignorCase, r: ScenarioResult): string {
  const n = ASSIGNOR_PARTITIONS;
  expect(r.leaveExit, 'the leaving member ended cleanly').to.deep.equal({ code: 0, signal: null });
  // every Stable answer: the chosen assignor, no partition owned twice; eager groups never stable with a partition unowned
  let partial = 0;
  for (const s of [...r.stable, ...r.phases]) {
    const what = `stable answer ${JSON.stringify(assignmentOf(s))}`;
    expect({ protocolType: s.protocolType, protocol: s.protocol }, `${what}: protocol`).to.deep.equal({ protocolType: 'consumer', protocol: c.protocol });
    const f = ownershipFaults(s, n);
    expect(f.shared, `${what}: partitions owned by more than one member`).to.deep.equal([]);
    expect(f.foreign, `${what}: partitions that do not exist`).to.deep.equal([]);
    if (f.unowned.length > 0 && r.stable.includes(s)) partial++;
    if (c.rebalance === 'eager') expect(f.unowned, `${what}: partitions owned by nobody`).to.deep.equal([]);
    if (c.expected && isFull(s, n)) {
      const want = c.expected(s.members.map((m) => m.memberId), n);
      expect(Object.fromEntries(byMemberId(s)), `${what}: ${c.assignor} assignment by member id`).to.deep.equal(Object.fromEntries(want));
    }
  }
  if (c.sticky) {
    for (const s of r.phases) expect(isBalanced(s), `balanced: ${JSON.stringify(assignmentOf(s))}`).to.equal(true);
    for (let i = 1; i < r.phases.length; i++) {
      const mv = stickyMoves(r.phases[i - 1], r.phases[i], n);
      expect(mv.moved, `partitions taken from staying members, ${JSON.stringify(assignmentOf(r.phases[i - 1]))} → ${JSON.stringify(assignmentOf(r.phases[i]))}`)
        .to.equal(mv.minimal);
    }
  }
  expectMemberBytes(c, r);
  const moved = stickyMoves(r.phases[0], r.phases[1], n).moved + stickyMoves(r.phases[1], r.phases[2], n).moved;
  if (r.revoked !== null) {
    if (c.rebalance === 'cooperative') expect(r.revoked, 'partitions revoked from members (incremental: only those that moved)').to.equal(moved);
    // eager: every member gives up everything at each rebalance (the join, then the leave for those staying)
    const all = n + r.phases[2].members.reduce((sum, m) => sum + partitionsOf(r.phases[1], m.clientId).length, 0);
    if (c.rebalance === 'eager') expect(r.revoked, 'partitions revoked from members (eager: all of them, at each rebalance)').to.be.at.least(all);
  }
  const t = r.tally;
  expect(t.wrong, 'records not as produced').to.deep.equal([]);
  expect(t.missing.length, `missing records (${t.missing.slice(0, 5).join(' ')})`).to.equal(0);
  if (c.rebalance === 'cooperative') expect(t.duplicated, 'records consumed twice (cooperative rebalances)').to.equal(0);
  for (const [name, count] of Object.entries(t.perMember)) expect(count, `${name}'s share`).to.be.greaterThan(0);
  return `${c.protocol}: ${r.stable.length} stable answers (${partial} with unowned partitions) over ${r.polls} polls; ` +
    `phases ${r.phases.map((s) => JSON.stringify(Object.values(assignmentOf(s)))).join(' → ')}; ` +
    `${t.expected} records, ${t.consumed} consumed, ${t.duplicated} duplicated, ${t.missing.length} missing; ` +
    `revoked ${r.revoked ?? 'n/a'}, moved ${moved}; stable after ${r.ms.two} / ${r.ms.three} / ${r.ms.leave} ms, total ${r.ms.total} ms`;
}
