// Input files for kcat -P -K : -l: one record per line, "k<9 digits>:<value>", values of
// pseudo-random alphanumerics (no ':' or newline; deterministic, not trivially compressible).
import * as fs from 'fs';

export const KEY_BYTES = 10;

export function writeRecordsFile(file: string, count: number, valueBytes: number): { bytes: number } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const pool = Buffer.alloc(1 << 16);
  let x = 0x9e3779b9;
  for (let i = 0; i < pool.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift32
    pool[i] = alphabet.charCodeAt((x >>> 0) % alphabet.length);
  }
  const lineBytes = 1 + 9 + 1 + valueBytes + 1;
  const perChunk = Math.max(1, Math.floor((4 << 20) / lineBytes));
  const chunk = Buffer.alloc(perChunk * lineBytes);
  const fd = fs.openSync(file, 'w');
  try {
    for (let i = 0; i < count;) {
      const n = Math.min(perChunk, count - i);
      let pos = 0;
      for (let j = 0; j < n; j++, i++) {
        chunk[pos++] = 0x6b; // 'k'
        pos += chunk.write(String(i).padStart(9, '0'), pos, 'latin1');
        chunk[pos++] = 0x3a; // ':'
        const from = (i * 7919) % (pool.length - valueBytes);
        pos += pool.copy(chunk, pos, from, from + valueBytes);
        chunk[pos++] = 0x0a;
      }
      fs.writeSync(fd, chunk, 0, pos);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { bytes: count * lineBytes };
}
