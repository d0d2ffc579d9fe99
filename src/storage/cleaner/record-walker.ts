// Walks the records of one magic-2 batch's record region without building objects: after
// next() the walker's fields describe the current record (byte ranges, deltas, key, null value).
// Record layout: length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
// key (varint length, -1 = null), value (varint length, -1 = null), headers.
import { SamsaError } from '../../runtime/samsa-error';
import { ByteCursor } from '../../protocol/varint';

const EMPTY = Buffer.alloc(0);

export class RecordWalker {
  buf: Buffer = EMPTY;
  /** [start, end) of the current record including its length prefix. */
  start = 0;
  end = 0;
  /** [tsStart, tsEnd) of the timestampDelta varlong. */
  tsStart = 0;
  tsEnd = 0;
  timestampDelta = 0;
  offsetDelta = 0;
  keyStart = 0;
  /** -1 for a null key. */
  keyLength = -1;
  valueIsNull = false;
  private readonly c = new ByteCursor(EMPTY);
  private limit = 0;
  private left = 0;

  /** Positions the walker before the first of `count` records in [start, end) of buf. */
  reset(buf: Buffer, start: number, end: number, count: number): this {
    this.buf = buf;
    this.c.buf = buf;
    this.c.pos = start;
    this.c.end = end;
    this.limit = end;
    this.left = count;
    return this;
  }

  /** Moves to the next record; false after the last. Throws SAMSA_ERR_CORRUPT_BATCH on malformed data. */
  next(): boolean {
    if (this.left <= 0) return false;
    const c = this.c;
    if (c.pos >= this.limit) throw corrupt(`batch ends with ${this.left} records missing`);
    this.left--;
    try {
      this.start = c.pos;
      const bodySize = c.readVarint();
      const bodyStart = c.pos;
      if (bodySize < 1 || bodySize > this.limit - bodyStart) throw corrupt(`record length ${bodySize} runs past the batch`);
      const bodyEnd = bodyStart + bodySize;
      c.end = bodyEnd;
      c.pos++; // record attributes
      this.tsStart = c.pos;
      this.timestampDelta = c.readVarlong();
      this.tsEnd = c.pos;
      this.offsetDelta = c.readVarint();
      const keyLength = c.readVarint();
      this.keyStart = c.pos;
      this.keyLength = keyLength < 0 ? -1 : keyLength;
      if (keyLength > 0) {
        if (keyLength > bodyEnd - c.pos) throw corrupt('record key runs past the record');
        c.pos += keyLength;
      }
      const valueLength = c.readVarint();
      this.valueIsNull = valueLength < 0;
      if (valueLength > bodyEnd - c.pos) throw corrupt('record value runs past the record');
      c.pos = bodyEnd;
      c.end = this.limit;
      this.end = bodyEnd;
      return true;
    } catch (err) {
      if (err instanceof SamsaError && err.code === 'SAMSA_ERR_PROTOCOL') throw corrupt(err.message);
      throw err;
    }
  }

  /** The current key as a map key (latin1 keeps every byte distinct), or null. */
  keyString(): string | null {
    return this.keyLength < 0 ? null : this.buf.toString('latin1', this.keyStart, this.keyStart + this.keyLength);
  }
}

function corrupt(detail: string): SamsaError {
  return new SamsaError('SAMSA_ERR_CORRUPT_BATCH', detail);
}
