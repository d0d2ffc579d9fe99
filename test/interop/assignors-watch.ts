// Watches a consumer group through DescribeGroups (samsa's src/client/admin.ts) every ~100 ms for
// the assignor tests: keeps every distinct Stable answer (protocol, members, their decoded
// assignments of the test topic) and waits for a stable group of given members; describeRaw()
// gives the members' metadata and assignment bytes as the broker holds them.
import { Admin } from '../../src/client/admin';
import { Connection } from '../../src/client/connection';
import { GroupApi, requestVersioned } from '../../src/client/group/apis';
import type { GroupDescription } from '../../src/client/group/group-admin';
import { isFull, type Snapshot } from './assignors-checks';

const POLL_MS = 100;
/** unref: a bound on a wait that does not keep the process alive. */
const sleep = (ms: number, unref = false): Promise<void> => new Promise((r) => { const t = setTimeout(r, ms); if (unref) t.unref(); });

export function snapshotOf(d: GroupDescription, topic: string, at = Date.now()): Snapshot {
  return {
    at, state: d.state, protocolType: d.protocolType, protocol: d.protocol,
    members: d.members.map((m) => ({
      memberId: m.memberId, clientId: m.clientId,
      partitions: m.assignment.filter((tp) => tp.topic === topic).map((tp) => tp.partition).sort((a, b) => a - b),
    })).sort((a, b) => (a.memberId < b.memberId ? -1 : 1)),
  };
}

const keyOf = (s: Snapshot): string => JSON.stringify([s.state, s.protocolType, s.protocol, s.members]);

export class GroupWatcher {
  /** Every Stable answer that differs from the previous Stable one, in order. */
  readonly stable: Snapshot[] = [];
  latest: Snapshot | null = null;
  polls = 0;
  lastError: string | null = null;
  private running = true;
  private readonly admin: Admin;
  private readonly loop: Promise<void>;
  private lastStableKey = '';

  constructor(bootstrap: string, readonly group: string, readonly topic: string, readonly partitions: number) {
    this.admin = new Admin({ bootstrap, requestTimeoutMs: 5000 });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const [d] = await this.admin.describeGroups([this.group]);
        if (!this.running) break;
        const s = snapshotOf(d, this.topic);
        this.latest = s;
        this.polls++;
        if (s.state === 'Stable') {
          const k = keyOf(s);
          if (k !== this.lastStableKey) this.stable.push(s);
          this.lastStableKey = k;
        }
      } catch (err) {
        this.lastError = String(err);
      }
      await sleep(POLL_MS);
    }
  }

  /** Resolves with the first answer (from now on) that is Stable with exactly these client ids, every partition owned once. */
  async stableWith(clientIds: string[], timeoutMs: number): Promise<Snapshot> {
    const want = [...clientIds].sort().join(',');
    const from = this.polls;
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.latest;
      if (s && this.polls > from && s.state === 'Stable' && s.members.map((m) => m.clientId).sort().join(',') === want && isFull(s, this.partitions)) return s;
      if (Date.now() > end) {
        throw new Error(`group ${this.group} not stable with ${want} after ${timeoutMs} ms: last answer ${JSON.stringify(s)}` +
          (this.lastError ? `; last error ${this.lastError}` : ''));
      }
      await sleep(POLL_MS / 2);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.race([this.loop, sleep(6000, true)]);
    await Promise.race([this.admin.close(), sleep(2000, true)]);
  }
}

/** A member as DescribeGroups returns it, metadata (the chosen protocol's subscription) and assignment as raw bytes. */
export interface RawMember { memberId: string; clientId: string; metadata: Buffer; assignment: Buffer }
export interface RawGroup { state: string; protocolType: string; protocol: string; members: RawMember[] }

/** DescribeGroups on the single broker of bootstrap (its coordinator), without decoding the members' bytes. */
export async function describeRaw(bootstrap: string, group: string): Promise<RawGroup> {
  const colon = bootstrap.lastIndexOf(':');
  const conn = new Connection({ host: bootstrap.slice(0, colon), port: Number(bootstrap.slice(colon + 1)), requestTimeoutMs: 5000 });
  try {
    const { res } = await requestVersioned(conn, GroupApi.DescribeGroups, { groups: [group], includeAuthorizedOperations: false });
    const g = (res.groups ?? [])[0];
    if (!g || g.errorCode) throw new Error(`DescribeGroups ${group}: error ${g?.errorCode}`);
    return {
      state: g.groupState, protocolType: g.protocolType ?? '', protocol: g.protocolData ?? '',
      members: (g.members ?? []).map((m: any) => ({ memberId: m.memberId, clientId: m.clientId, metadata: m.memberMetadata, assignment: m.memberAssignment })),
    };
  } finally {
    await conn.close();
  }
}

/** describeRaw until the group is Stable with the members of s; the bytes behind that snapshot. */
export async function rawOf(bootstrap: string, group: string, s: Snapshot, timeoutMs = 10_000): Promise<RawGroup> {
  const want = s.members.map((m) => m.memberId).sort().join(',');
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await describeRaw(bootstrap, group);
    if (r.state === 'Stable' && r.members.map((m) => m.memberId).sort().join(',') === want) return r;
    if (Date.now() > end) throw new Error(`group ${group} not stable with ${want} for a raw DescribeGroups: ${r.state} ${r.members.map((m) => m.memberId)}`);
    await sleep(POLL_MS);
  }
}
