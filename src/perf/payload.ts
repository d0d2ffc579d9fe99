// Record values: one random payload of upper-case letters (as Kafka's perf tool generates),
// shared by every record. In end-to-end runs the first 8 bytes of each value carry the send
// time (float64 big-endian, epoch ms) so a consumer can measure latency per record.
import { randomBytes } from 'crypto';

export const EMBEDDED_TS_BYTES = 8;

export function makePayload(size: number): Buffer {
  const b = randomBytes(size);
  for (let i = 0; i < size; i++) b[i] = 65 + (b[i] % 26);
  return b;
}

/** Whether a value of this size can carry an embedded send time. */
export function canEmbed(valueSize: number): boolean { return valueSize >= EMBEDDED_TS_BYTES; }

/**
 * Send time embedded in a value at [pos, pos + len): a finite epoch-ms float within a sane
 * window around `now`, or -1 (the value does not carry one).
 */
export function readEmbedded(buf: Buffer, pos: number, len: number, now: number): number {
  if (len < EMBEDDED_TS_BYTES) return -1;
  const t = buf.readDoubleBE(pos);
  return Number.isFinite(t) && t > now - 86_400_000 && t <= now + 60_000 ? t : -1;
}
