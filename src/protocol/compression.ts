// Record-batch compression codecs (attributes bits 0-2): 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd.
// All synchronous; used on the log worker and by the client.
import * as zlib from 'zlib';
import * as snappy from 'snappy';
import * as lz4 from 'lz4-napi';
import * as zstd from 'zstd-napi';
import { SamsaError } from '../runtime/samsa-error';

export const Codec = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type CodecId = 0 | 1 | 2 | 3 | 4;

export function codecName(codec: number): string {
  return ['none', 'gzip', 'snappy', 'lz4', 'zstd'][codec] ?? `unknown(${codec})`;
}

// xerial snappy-java stream framing, as produced by Java clients:
// magic \x82SNAPPY\x00, int32 version, int32 min compatible version, then [int32 length][raw snappy block]...
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16;
const XERIAL_BLOCK_SIZE = 32 * 1024;

function isXerial(buf: Buffer): boolean {
  return buf.length >= XERIAL_HEADER_SIZE && buf.compare(XERIAL_MAGIC, 0, 8, 0, 8) === 0;
}

function snappyRawUncompress(buf: Buffer): Buffer {
  return snappy.uncompressSync(buf, { asBuffer: true }) as Buffer;
}

function xerialCompress(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  parts.push(header);
  for (let off = 0; off < buf.length; off += XERIAL_BLOCK_SIZE) {
    const block = snappy.compressSync(buf.subarray(off, Math.min(buf.length, off + XERIAL_BLOCK_SIZE)));
    const len = Buffer.allocUnsafe(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

function xerialUncompress(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = XERIAL_HEADER_SIZE;
  while (pos < buf.length) {
    if (pos + 4 > buf.length) throw new Error('truncated xerial block length');
    const len = buf.readInt32BE(pos);
    pos += 4;
    if (len < 0 || pos + len > buf.length) throw new Error('truncated xerial block');
    parts.push(snappyRawUncompress(buf.subarray(pos, pos + len)));
    pos += len;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** Compresses buf with the given codec (0 returns buf itself). */
export function compress(codec: number, buf: Buffer): Buffer {
  switch (codec) {
    case Codec.NONE: return buf;
    case Codec.GZIP: return zlib.gzipSync(buf);
    case Codec.SNAPPY: return xerialCompress(buf);
    case Codec.LZ4: return lz4.compressFrameSync(buf);
    case Codec.ZSTD: return zstd.compress(buf);
    default: throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `unknown compression codec ${codec}`);
  }
}

/**
 * Decompresses buf. Snappy accepts both raw snappy and xerial framing; lz4 is the LZ4 frame
 * format. Unknown codecs and undecodable data throw SamsaError SAMSA_ERR_CORRUPT_BATCH.
 */
export function decompress(codec: number, buf: Buffer): Buffer {
  try {
    switch (codec) {
      case Codec.NONE: return buf;
      case Codec.GZIP: return zlib.gunzipSync(buf);
      case Codec.SNAPPY: return isXerial(buf) ? xerialUncompress(buf) : snappyRawUncompress(buf);
      case Codec.LZ4: return lz4.decompressFrameSync(buf);
      case Codec.ZSTD: return zstd.decompress(buf);
    }
  } catch (err) {
    throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `${codecName(codec)} decompression failed: ${(err as Error).message}`, { cause: err });
  }
  throw new SamsaError('SAMSA_ERR_CORRUPT_BATCH', `unknown compression codec ${codec}`);
}
