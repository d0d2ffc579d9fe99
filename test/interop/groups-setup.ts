// The broker and the group views the interop group tests use: a samsa process sized for a
// 2-core machine, DescribeGroups until a group is stable with its members, and OffsetFetch of
// a group's committed offsets — all through samsa's own admin client (src/client/admin.ts).
import { Admin } from '../../src/client/admin';
import type { GroupDescription } from '../../src/client/group/group-admin';
import { ChildBroker } from '../helpers/child-broker';

export const GROUP_PARTITIONS = 6;
export const GROUP_RECORDS = 60_000;

/**
 * Two network and two partition threads. The first join of a new group waits
 * group.initial.rebalance.delay.ms for more members (Kafka's default is 3 s; 1 s here, so that
 * three members started together usually land in the first generation).
 */
export function startGroupsBroker(): Promise<ChildBroker> {
  return ChildBroker.start({ overrides: { 'num.network.threads': 2, 'num.io.threads': 2, 'group.initial.rebalance.delay.ms': 1000 } });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls cond every 50 ms until it holds; throws after timeoutMs with what() in the message. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(50);
  }
}

export async function withAdmin<T>(bootstrap: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ bootstrap, requestTimeoutMs: 10_000 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** Partition → assigned member clientId, when every partition of the topic has exactly one owner. */
export function owners(d: GroupDescription, topic: string, partitions: number): Map<number, string> | null {
  const own = new Map<number, string>();
  for (const m of d.members) {
    for (const tp of m.assignment) {
      if (tp.topic !== topic || own.has(tp.partition)) return null;
      own.set(tp.partition, m.clientId);
    }
  }
  return own.size === partitions ? own : null;
}

/**
 * DescribeGroups until the group is Stable with exactly the given member client ids, which
 * together own every partition of the topic; returns the description.
 */
export async function waitForStableGroup(bootstrap: string, group: string, topic: string, clientIds: string[], timeoutMs: number): Promise<GroupDescription> {
  const want = [...clientIds].sort().join(',');
  let last: GroupDescription | null = null;
  const end = Date.now() + timeoutMs;
  return withAdmin(bootstrap, async (admin) => {
    for (;;) {
      const [d] = await admin.describeGroups([group]);
      last = d;
      const ids = d.members.map((m) => m.clientId).sort().join(',');
      if (d.state === 'Stable' && ids === want && d.members.every((m) => m.assignment.length > 0) && owners(d, topic, GROUP_PARTITIONS)) return d;
      if (Date.now() > end) {
        throw new Error(`group ${group} not stable with members ${want} after ${timeoutMs} ms: state ${last.state}, ` +
          `members ${JSON.stringify(last.members.map((m) => ({ clientId: m.clientId, assignment: m.assignment.map((tp) => tp.partition) })))}`);
      }
      await sleep(100);
    }
  });
}

/** Committed offsets of a group for every partition of topic (-1: none), from OffsetFetch. */
export async function fetchCommitted(bootstrap: string, group: string, topic: string): Promise<Map<number, number>> {
  return withAdmin(bootstrap, async (admin) => {
    const list = await admin.fetchOffsets(group, [topic]);
    return new Map(list.map((c) => [c.partition, c.offset]));
  });
}

export const asObject = (m: Map<number, number>): Record<string, number> =>
  Object.fromEntries([...m].sort((a, b) => a[0] - b[0]).map(([p, o]) => [String(p), o]));

/**
 * Polls OffsetFetch every ~100 ms on one connection and keeps the latest answer: what the broker
 * acknowledged as committed before some moment (e.g. a kill -9). stop() ends the loop.
 */
export class CommittedWatcher {
  latest: Map<number, number> | null = null;
  latestAt = 0;
  answers = 0;
  private changes = 0;
  private running = true;
  private readonly admin: Admin;
  private readonly loop: Promise<void>;

  constructor(bootstrap: string, readonly group: string, readonly topic: string) {
    const admin = new Admin({ bootstrap, requestTimeoutMs: 3000 });
    this.admin = admin;
    this.loop = (async () => {
      while (this.running) {
        try {
          const list = await admin.fetchOffsets(group, [topic]);
          if (!this.running) break;
          const m = new Map(list.map((c) => [c.partition, c.offset]));
          if (this.latest && JSON.stringify(asObject(m)) !== JSON.stringify(asObject(this.latest))) this.changes++;
          this.latest = m;
          this.latestAt = Date.now();
          this.answers++;
        } catch { /* broker down */ }
        await sleep(100);
      }
    })();
  }

  /** How many times the answer changed (commits are flowing). */
  get changed(): number { return this.changes; }

  /** Ends polling; the snapshot is taken at the call, an answer arriving later is ignored. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.race([this.loop, sleep(5000)]);
    await Promise.race([this.admin.close(), sleep(2000)]);
  }
}
