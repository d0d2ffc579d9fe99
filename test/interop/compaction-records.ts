// What the compaction interop clients write and what a read of the compacted partition must
// show. Must agree with test/interop/py/compaction_common.py.
//  - updates: record n (0 <= n < UPDATES) is key-<n % KEYS> = value-<n>, at offset n;
//  - then tombstones (NULL values) for key-0 .. key-<DELETED-1>, then FILLER records
//    filler-<i % 1000> = f-<i> that roll the active segment; record i of these at UPDATES + i.
// A read is dumped one record a line as "<offset> <key> <value length, -1 for NULL> <value>"
// (kcat's -f '%o %k %S %s\n').
import * as fs from 'fs';

export const UPDATES = 100_000;
export const KEYS = 1000;
export const DELETED = 100;
export const FILLER = 10_000;
export const FILLER_KEYS = 1000;
/**
 * Producer batch size limit (bytes). The topic's segment.bytes is 64 KiB and a broker refuses a
 * batch larger than a segment (librdkafka's default batch.size is 1,000,000).
 */
export const BATCH_BYTES = 16_384;
/** "Far fewer records than were written": a read after cleaning must be under this. */
export const CLEANED_MAX = 10_000;

export interface DumpRecord { offset: number; key: string; value: string | null }

export const updateKey = (n: number): string => `key-${n % KEYS}`;
export const updateValue = (n: number): string => `value-${n}`;
export const fillerKey = (i: number): string => `filler-${i % FILLER_KEYS}`;
export const fillerValue = (i: number): string => `f-${i}`;

/** The key and value written at `offset` (value null for a tombstone). */
export function writtenAt(offset: number): { key: string; value: string | null } {
  if (offset < UPDATES) return { key: updateKey(offset), value: updateValue(offset) };
  const i = offset - UPDATES;
  if (i < DELETED) return { key: `key-${i}`, value: null };
  return { key: fillerKey(i - DELETED), value: fillerValue(i - DELETED) };
}

export function parseDump(file: string): DumpRecord[] {
  const out: DumpRecord[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const m = /^(\d+) (\S*) (-1|\d+) (.*)$/.exec(line);
    if (!m) throw new Error(`${file}: bad dump line ${JSON.stringify(line)}`);
    const value = m[3] === '-1' ? null : m[4];
    if (value !== null && Buffer.byteLength(value) !== Number(m[3])) throw new Error(`${file}: value length ${m[3]} in ${JSON.stringify(line)}`);
    out.push({ offset: Number(m[1]), key: m[2], value });
  }
  return out;
}

/**
 * Everything wrong with a read of the whole partition, given the offset of the last record
 * written: offsets strictly increasing and ending at lastOffset, each record exactly what was
 * written at its offset, no key more than once below `uniqueBelow` (the active segment's base
 * offset, when the caller knows the cleaner went over everything before it).
 */
export function readProblems(recs: DumpRecord[], lastOffset: number, uniqueBelow = -1): string[] {
  const problems: string[] = [];
  const note = (p: string): void => { if (problems.length < 10) problems.push(p); };
  let prev = -1;
  const seenBelow = new Set<string>();
  for (const r of recs) {
    if (r.offset <= prev) note(`offset ${r.offset} after ${prev}`);
    prev = r.offset;
    const w = writtenAt(r.offset);
    if (r.key !== w.key || r.value !== w.value) note(`offset ${r.offset}: read ${r.key}=${r.value}, written ${w.key}=${w.value}`);
    if (r.offset < uniqueBelow) {
      if (seenBelow.has(r.key)) note(`key ${r.key} again at offset ${r.offset}, below the active segment (${uniqueBelow})`);
      seenBelow.add(r.key);
    }
  }
  if (prev !== lastOffset) note(`last offset read ${prev}, last written ${lastOffset}`);
  return problems;
}

/** The value of the last record of each key (null for a tombstone). */
export function latestByKey(recs: DumpRecord[]): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const r of recs) m.set(r.key, r.value);
  return m;
}

/** Keys whose latest value is not the last one written among `expected` (key → value). */
export function latestProblems(latest: Map<string, string | null>, expected: Map<string, string>): string[] {
  const bad: string[] = [];
  for (const [k, v] of expected) {
    if (!latest.has(k)) bad.push(`${k} missing`);
    else if (latest.get(k) !== v) bad.push(`${k}=${latest.get(k)}, last written ${v}`);
  }
  return bad;
}

/** The last value written of every update key. */
export function lastUpdates(): Map<string, string> {
  const m = new Map<string, string>();
  for (let k = 0; k < KEYS; k++) m.set(`key-${k}`, updateValue(UPDATES - KEYS + k));
  return m;
}

/** The last value written of every filler key. */
export function lastFillers(): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = FILLER - FILLER_KEYS; i < FILLER; i++) m.set(fillerKey(i), fillerValue(i));
  return m;
}
