// Wall-clock milliseconds since the epoch with sub-millisecond resolution, monotonic within a
// process (performance.timeOrigin + performance.now()). Used for send times, record
// timestamps and everything measured by `samsa perf`.
import { performance } from 'perf_hooks';

const ORIGIN = performance.timeOrigin;

/** Epoch milliseconds, fractional (µs resolution), never going backwards within this process. */
export function nowMs(): number { return ORIGIN + performance.now(); }

export function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }
