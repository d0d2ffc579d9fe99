// Reads the record batch headers of a topic's segment files (Kafka's on-disk layout:
// <log.dir>/<topic>-<partition>/<baseOffset>.log) to see which compression the stored batches carry.
import * as fs from 'fs';
import * as path from 'path';

export interface StoredBatches {
  /** batch count by compression id (attributes & 7) */
  byCodec: Record<number, number>;
  /** record count by compression id */
  recordsByCodec: Record<number, number>;
  batches: number;
  records: number;
}

export function storedBatches(dataDir: string, topic: string): StoredBatches {
  const out: StoredBatches = { byCodec: {}, recordsByCodec: {}, batches: 0, records: 0 };
  const re = new RegExp(`^${topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`);
  for (const dir of fs.readdirSync(dataDir).filter((d) => re.test(d))) {
    for (const f of fs.readdirSync(path.join(dataDir, dir)).filter((n) => n.endsWith('.log'))) {
      const buf = fs.readFileSync(path.join(dataDir, dir, f));
      let pos = 0;
      while (pos + 61 <= buf.length) {
        const len = buf.readInt32BE(pos + 8);
        if (len < 49 || pos + 12 + len > buf.length) break;
        const codec = buf.readInt16BE(pos + 21) & 7;
        out.byCodec[codec] = (out.byCodec[codec] ?? 0) + 1;
        const n = buf.readInt32BE(pos + 57);
        out.recordsByCodec[codec] = (out.recordsByCodec[codec] ?? 0) + n;
        out.batches++;
        out.records += n;
        pos += 12 + len;
      }
    }
  }
  return out;
}
