// CRC-32C (Castagnoli), the checksum of magic-2 record batches. Native (SSE4.2) via @node-rs/crc32.
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C of buf as an unsigned 32-bit number; `initial` continues a previous checksum. */
export function crc32c(buf: Uint8Array, initial?: number): number {
  return nativeCrc32c(buf, initial) >>> 0;
}
