// Shared rig for the consumer group tests (no tests of its own): a fake clock, a mutable
// topic view, and helpers that drive members through heartbeats.
import { expect } from 'chai';
import {
  ConsumerGroup, type ConsumerGroupConfig, type ConsumerGroupHeartbeatRequest, type ConsumerGroupHeartbeatResponse, type TopicsView,
} from '../../../../src/actors/group-coordinator/consumer-group';

export class FakeClock {
  private t = 1_000_000;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now(): number { return this.t; }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(id: unknown): void { this.timers.delete(id as number); }
  get pending(): number { return this.timers.size; }
  /** Moves time forward, running due timers in deadline order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}

export class FakeTopics implements TopicsView {
  private readonly topics = new Map<string, { topicId: string; partitions: number }>();
  set(name: string, partitions: number): string {
    const topicId = this.topics.get(name)?.topicId ?? idOf(name);
    this.topics.set(name, { topicId, partitions });
    return topicId;
  }
  delete(name: string): void { this.topics.delete(name); }
  /** The id a name has or had (deleted topics keep theirs here, as clients remember them). */
  idFor(name: string): string { return this.topics.get(name)?.topicId ?? idOf(name); }
  byName(name: string) { return this.topics.get(name); }
  byId(topicId: string) {
    for (const [name, t] of this.topics) if (t.topicId === topicId) return { name, partitions: t.partitions };
    return undefined;
  }
  names(): Iterable<string> { return this.topics.keys(); }
}

/** A stable 22-character id per topic name. */
export function idOf(name: string): string {
  return Buffer.from(name.padEnd(16, '_').slice(0, 16)).toString('base64url');
}

export interface Rig {
  clock: FakeClock;
  topics: FakeTopics;
  group: ConsumerGroup;
  timerChanges: number;
}

export function rig(config: Partial<ConsumerGroupConfig> = {}, groupId = 'g'): Rig {
  const clock = new FakeClock();
  const topics = new FakeTopics();
  let n = 0;
  const r: Rig = {
    clock, topics, timerChanges: 0,
    group: new ConsumerGroup({
      groupId, topics, clock, config, newMemberId: () => `member-${++n}`,
      onTimerChange: () => { r.timerChanges++; },
    }),
  };
  return r;
}

export type Parts = Record<string, number[]>;

/** Assignment by topic name (via the rig's topics), for readable assertions. */
export function byName(r: Rig, a: { topicId: string; partitions: number[] }[] | null | undefined): Parts | null {
  if (!a) return null;
  const out: Parts = {};
  for (const tp of a) out[r.topics.byId(tp.topicId)?.name ?? tp.topicId] = [...tp.partitions].sort((x, y) => x - y);
  return out;
}

export function toWire(r: Rig, parts: Parts): { topicId: string; partitions: number[] }[] {
  return Object.entries(parts).map(([name, partitions]) => ({ topicId: r.topics.idFor(name), partitions }));
}

export function join(r: Rig, topics: string[], extra: Partial<ConsumerGroupHeartbeatRequest> = {}): ConsumerGroupHeartbeatResponse {
  const resp = r.group.heartbeat({
    groupId: r.group.groupId, memberId: '', memberEpoch: 0, rebalanceTimeoutMs: 30000, subscribedTopicNames: topics,
    topicPartitions: [], instanceId: null, rackId: null, serverAssignor: null, ...extra,
  }, r.clock.now(), { clientId: 'client-a', clientHost: '/127.0.0.1' });
  expect(resp.errorCode, resp.errorMessage ?? '').to.equal(0);
  return resp;
}

/** A steady-state heartbeat: only the epoch and the partitions the member owns. */
export function beat(r: Rig, memberId: string, memberEpoch: number, owned: Parts | null, extra: Partial<ConsumerGroupHeartbeatRequest> = {}): ConsumerGroupHeartbeatResponse {
  return r.group.heartbeat({
    groupId: r.group.groupId, memberId, memberEpoch, rebalanceTimeoutMs: -1, subscribedTopicNames: null,
    topicPartitions: owned === null ? null : toWire(r, owned), instanceId: null, rackId: null, serverAssignor: null, ...extra,
  }, r.clock.now());
}

/** A client model: applies each response's assignment, sends back what it owns. */
export class Client {
  memberId = '';
  epoch = 0;
  owned: Parts = {};
  constructor(private readonly r: Rig, readonly topics: string[], private readonly extra: Partial<ConsumerGroupHeartbeatRequest> = {}) {}
  join(): ConsumerGroupHeartbeatResponse {
    const resp = join(this.r, this.topics, { memberId: this.memberId, ...this.extra });
    return this.apply(resp);
  }
  beat(): ConsumerGroupHeartbeatResponse {
    const resp = beat(this.r, this.memberId, this.epoch, this.owned, this.extra.instanceId ? { instanceId: this.extra.instanceId } : {});
    expect(resp.errorCode, resp.errorMessage ?? '').to.equal(0);
    return this.apply(resp);
  }
  private apply(resp: ConsumerGroupHeartbeatResponse): ConsumerGroupHeartbeatResponse {
    this.memberId = resp.memberId ?? this.memberId;
    this.epoch = resp.memberEpoch;
    if (resp.assignment) this.owned = byName(this.r, resp.assignment.topicPartitions)!;
    return resp;
  }
  count(): number { return Object.values(this.owned).reduce((s, p) => s + p.length, 0); }
}

/** Heartbeats every client until nothing changes (or fails after many rounds). */
export function settle(clients: Client[], rounds = 20): void {
  for (let i = 0; i < rounds; i++) {
    const before = JSON.stringify(clients.map((c) => [c.epoch, c.owned]));
    for (const c of clients) c.beat();
    if (JSON.stringify(clients.map((c) => [c.epoch, c.owned])) === before) return;
  }
  throw new Error('the group did not settle');
}
