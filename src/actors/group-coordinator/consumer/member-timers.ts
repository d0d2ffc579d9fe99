// Per-member timers on the injected clock: the session timeout (rearmed by every
// heartbeat) and the rebalance timeout (armed while a member has partitions to revoke).
// Scheduling a timer again replaces it; a cancelled timer never runs.
import type { GroupClock } from './types';

export type TimerKind = 'session' | 'rebalance';

export class MemberTimers {
  private readonly timers = new Map<string, { handle: unknown }>();

  constructor(private readonly clock: GroupClock) {}

  schedule(kind: TimerKind, memberId: string, ms: number, fn: () => void): void {
    const key = `${kind}:${memberId}`;
    this.cancel(kind, memberId);
    const entry = { handle: undefined as unknown };
    entry.handle = this.clock.setTimeout(() => {
      if (this.timers.get(key) !== entry) return;
      this.timers.delete(key);
      fn();
    }, Math.max(0, Math.min(ms, 0x7fffffff)));
    this.timers.set(key, entry);
  }

  has(kind: TimerKind, memberId: string): boolean { return this.timers.has(`${kind}:${memberId}`); }

  cancel(kind: TimerKind, memberId: string): void {
    const key = `${kind}:${memberId}`;
    const e = this.timers.get(key);
    if (!e) return;
    this.timers.delete(key);
    this.clock.clearTimeout(e.handle);
  }

  cancelMember(memberId: string): void {
    this.cancel('session', memberId);
    this.cancel('rebalance', memberId);
  }

  cancelAll(): void {
    for (const e of this.timers.values()) this.clock.clearTimeout(e.handle);
    this.timers.clear();
  }
}
