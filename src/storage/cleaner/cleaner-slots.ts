// Process-wide limit on concurrent cleaning passes. Every handler worker owns its own LogCleaner
// (and piscina pool), so the limit lives in a SharedArrayBuffer handed to all threads through
// worker_threads environment data: the main thread creates it when this module is first loaded
// (handler-host is imported by broker.ts before any worker starts) and workers inherit it.
// Each slot holds a lease expiry (ms); a holder renews it while its pass runs, so a slot held by
// a handler worker that died frees itself after LEASE_MS. One slot per two cores, at least one.
import * as os from 'os';
import { getEnvironmentData, setEnvironmentData } from 'worker_threads';

const KEY = 'samsa.logCleaner.slots';
export const SLOT_LEASE_MS = 120_000;

function sharedSlots(): BigInt64Array {
  const existing = getEnvironmentData(KEY);
  if (existing instanceof SharedArrayBuffer) return new BigInt64Array(existing);
  const count = Math.max(1, Math.floor(os.availableParallelism() / 2));
  const sab = new SharedArrayBuffer(8 * count);
  setEnvironmentData(KEY, sab);
  return new BigInt64Array(sab);
}

const slots = sharedSlots();

export function cleanerSlotCount(): number { return slots.length; }

/** Takes a free (or expired) slot: its index, or -1 when all are taken. */
export function acquireCleanerSlot(nowMs: number = Date.now()): number {
  const now = BigInt(Math.floor(nowMs));
  for (let i = 0; i < slots.length; i++) {
    const v = Atomics.load(slots, i);
    if (v > now) continue;
    if (Atomics.compareExchange(slots, i, v, now + BigInt(SLOT_LEASE_MS)) === v) return i;
  }
  return -1;
}

export function renewCleanerSlot(i: number, nowMs: number = Date.now()): void {
  if (i >= 0) Atomics.store(slots, i, BigInt(Math.floor(nowMs)) + BigInt(SLOT_LEASE_MS));
}

export function releaseCleanerSlot(i: number): void {
  if (i >= 0) Atomics.store(slots, i, 0n);
}
