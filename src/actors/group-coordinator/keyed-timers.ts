// Timers by name on the injected clock: scheduling a name again replaces its timer, and a
// timer that was replaced or cancelled never runs (even if the clock already queued it).
import type { GroupClock } from './types';

export class KeyedTimers {
  private readonly timers = new Map<string, { handle: unknown }>();

  constructor(private readonly clock: GroupClock) {}

  schedule(key: string, ms: number, fn: () => void): void {
    this.cancel(key);
    const entry = { handle: undefined as unknown };
    entry.handle = this.clock.setTimeout(() => {
      if (this.timers.get(key) !== entry) return;
      this.timers.delete(key);
      fn();
    }, Math.max(0, Math.min(ms, 0x7fffffff)));
    this.timers.set(key, entry);
  }

  cancel(key: string): void {
    const e = this.timers.get(key);
    if (!e) return;
    this.timers.delete(key);
    this.clock.clearTimeout(e.handle);
  }

  has(key: string): boolean { return this.timers.has(key); }

  /** Cancel every timer whose name starts with the prefix. */
  cancelPrefix(prefix: string): void {
    for (const k of [...this.timers.keys()]) if (k.startsWith(prefix)) this.cancel(k);
  }

  cancelAll(): void {
    for (const k of [...this.timers.keys()]) this.cancel(k);
  }

  get size(): number { return this.timers.size; }
}
