// Test rig for the group coordinator shard: a fake clock, an in-memory __consumer_offsets
// log that can be held, failed and replayed, and request helpers that pass every request
// and response through the real protocol codecs (so bodies look exactly like decoded ones).
import { expect } from 'chai';
import { ApiKey } from '../../../../src/protocol/apis';
import { getCodec } from '../../../../src/protocol/codec';
import { GroupCoordinatorShard } from '../../../../src/actors/group-coordinator/group-coordinator-shard';
import type { GroupClock, GroupConfig, GroupLogWriter, GroupRecord } from '../../../../src/actors/group-coordinator/types';
import { SamsaError } from '../../../../src/runtime/samsa-error';
import { silentLogger } from '../helpers';

export { ApiKey };

/** Let promise continuations and chained microtasks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements GroupClock {
  t = 1_700_000_000_000;
  private seq = 0;
  private queue: { at: number; id: number; fn: () => void }[] = [];

  now(): number { return this.t; }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.push({ at: this.t + ms, id, fn });
    return id;
  }

  clearTimeout(t: unknown): void { this.queue = this.queue.filter((e) => e.id !== t); }

  get pending(): number { return this.queue.length; }

  /** Moves time forward, running due timers in order (and the promise work they cause). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = next.at;
      next.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

export class MemoryLog implements GroupLogWriter {
  readonly records: GroupRecord[] = [];
  appends = 0;
  /** While set, appends wait for release(). */
  private held: (() => void)[] | null = null;
  fail: Error | null = null;

  append(records: GroupRecord[]): Promise<void> {
    this.appends++;
    if (this.fail) return Promise.reject(this.fail);
    const commit = () => { for (const r of records) this.records.push({ key: Buffer.from(r.key), value: r.value && Buffer.from(r.value) }); };
    if (this.held) {
      const held = this.held;
      return new Promise((resolve) => held.push(() => { commit(); resolve(); }));
    }
    commit();
    return Promise.resolve();
  }

  hold(): void { this.held = this.held ?? []; }

  release(): void {
    const h = this.held ?? [];
    this.held = null;
    for (const f of h) f();
  }
}

export function testConfig(over: Partial<GroupConfig> = {}): GroupConfig {
  return {
    minSessionTimeoutMs: 6000,
    maxSessionTimeoutMs: 300000,
    initialRebalanceDelayMs: 3000,
    maxSize: 1000,
    offsetsRetentionMs: 7 * 24 * 3600 * 1000,
    offsetsRetentionCheckIntervalMs: 600000,
    offsetMetadataMaxBytes: 4096,
    ...over,
  };
}

export interface Rig { shard: GroupCoordinatorShard; clock: FakeClock; log: MemoryLog; config: GroupConfig }

export function makeRig(over: Partial<GroupConfig> = {}, clock = new FakeClock(), log = new MemoryLog()): Rig {
  const config = testConfig(over);
  return { shard: new GroupCoordinatorShard({ partition: 0, config, log, clock, logger: silentLogger }), clock, log, config };
}

/** A fresh shard on the same clock, rebuilt from the log's records. */
export function restart(rig: Rig): Rig {
  rig.shard.close();
  const log = new MemoryLog();
  log.records.push(...rig.log.records);
  const next = makeRig(rig.config, rig.clock, log);
  next.shard.replay(rig.log.records);
  return next;
}

/** Sends a request through the codecs: encode → decode → handle → encode → decode. */
export function call(shard: GroupCoordinatorShard, apiKey: number, version: number, body: any, clientId = 'client'): Promise<any> {
  const req = getCodec(apiKey, version, 'request');
  const decoded = req.decode(req.encode(body));
  return shard.handle(apiKey, version, decoded, { clientId, clientHost: '/127.0.0.1' }).then((resp) => {
    const codec = getCodec(apiKey, version, 'response');
    return codec.decode(codec.encode(resp));
  });
}

/** A call that must not have been answered yet after the event loop settles. */
export class Pending<T = any> {
  value: T | undefined;
  done = false;
  constructor(readonly promise: Promise<T>) {
    promise.then((v) => { this.value = v; this.done = true; }, () => { this.done = true; });
  }
  async settled(): Promise<T> { await flush(); expect(this.done, 'expected the request to be answered').to.equal(true); return this.value as T; }
  async parked(): Promise<void> { await flush(); expect(this.done, 'expected the request to be parked').to.equal(false); }
}

/** ConsumerProtocolSubscription v0 bytes for some topics. */
export function subscription(topics: string[], userData = ''): Buffer {
  const parts: Buffer[] = [Buffer.from([0, 0])];
  const n = Buffer.alloc(4);
  n.writeInt32BE(topics.length);
  parts.push(n);
  for (const t of topics) {
    const l = Buffer.alloc(2);
    l.writeInt16BE(Buffer.byteLength(t));
    parts.push(l, Buffer.from(t));
  }
  const u = Buffer.alloc(4);
  u.writeInt32BE(userData ? Buffer.byteLength(userData) : -1);
  parts.push(u);
  if (userData) parts.push(Buffer.from(userData));
  return Buffer.concat(parts);
}

export interface JoinArgs {
  groupId?: string;
  memberId?: string;
  instanceId?: string | null;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  protocolType?: string;
  protocols?: { name: string; metadata: Buffer }[];
  topics?: string[];
}

export function joinBody(a: JoinArgs = {}): any {
  return {
    groupId: a.groupId ?? 'g',
    sessionTimeoutMs: a.sessionTimeoutMs ?? 10000,
    rebalanceTimeoutMs: a.rebalanceTimeoutMs ?? 30000,
    memberId: a.memberId ?? '',
    groupInstanceId: a.instanceId ?? null,
    protocolType: a.protocolType ?? 'consumer',
    protocols: a.protocols ?? [{ name: 'range', metadata: subscription(a.topics ?? ['t']) }],
    reason: null,
  };
}

export function join(shard: GroupCoordinatorShard, a: JoinArgs = {}, version = 9, clientId = 'client'): Pending {
  return new Pending(call(shard, ApiKey.JoinGroup, version, joinBody(a), clientId));
}

export function sync(shard: GroupCoordinatorShard, memberId: string, generationId: number, assignments: Record<string, string> = {}, groupId = 'g', version = 5, instanceId: string | null = null): Pending {
  return new Pending(call(shard, ApiKey.SyncGroup, version, {
    groupId, generationId, memberId, groupInstanceId: instanceId, protocolType: 'consumer', protocolName: null,
    assignments: Object.entries(assignments).map(([m, a]) => ({ memberId: m, assignment: Buffer.from(a) })),
  }));
}

export function heartbeat(shard: GroupCoordinatorShard, memberId: string, generationId: number, groupId = 'g', instanceId: string | null = null): Promise<any> {
  return call(shard, ApiKey.Heartbeat, 4, { groupId, generationId, memberId, groupInstanceId: instanceId });
}

/** Joins with v4+ semantics (MEMBER_ID_REQUIRED, then the real join); returns the parked rejoin. */
export async function joinWithId(shard: GroupCoordinatorShard, a: JoinArgs = {}, version = 9, clientId = 'client'): Promise<{ memberId: string; pending: Pending }> {
  const first = await join(shard, a, version, clientId).settled();
  expect(first.errorCode).to.equal(79); // MEMBER_ID_REQUIRED
  return { memberId: first.memberId, pending: join(shard, { ...a, memberId: first.memberId }, version, clientId) };
}

/** Two dynamic members joined, synced and Stable. */
export async function stableGroup(rig: Rig, groupId = 'g'): Promise<{ leader: string; follower: string; generation: number }> {
  const a = await joinWithId(rig.shard, { groupId }, 9, 'c1');
  const b = await joinWithId(rig.shard, { groupId }, 9, 'c2');
  // b arrived during the initial delay, which therefore runs twice.
  await rig.clock.advance(2 * rig.config.initialRebalanceDelayMs);
  const ra = await a.pending.settled();
  const rb = await b.pending.settled();
  const leader = ra.leader;
  const follower = leader === a.memberId ? b.memberId : a.memberId;
  const fs = sync(rig.shard, follower, ra.generationId, {}, groupId);
  await fs.parked();
  const ls = await sync(rig.shard, leader, rb.generationId, { [leader]: 'A-leader', [follower]: 'A-follower' }, groupId).settled();
  expect(ls.errorCode).to.equal(0);
  expect((await fs.settled()).errorCode).to.equal(0);
  return { leader, follower, generation: ra.generationId };
}

export function expectSamsaError(err: unknown): void {
  expect(err).to.be.instanceOf(SamsaError);
}
