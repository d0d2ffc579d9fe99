// Records for the interop group tests and the checks on what a group consumed. The test
// process produces with samsa's own producer (records.ts content: key k<i>, value valueOf(i),
// headers h=<i>,c=<tag>, murmur2 partition of the key) and keeps every acknowledged
// (partition, offset) with the digest line a consumer must print for it.
import { Producer } from '../../src/client/producer';
import type { Consumed, GroupMember } from './groups-members';
import { keyOf, partitionOf, valueOf } from './records';

export class RecordSource {
  /** "partition:offset" → expected digest line, for every acknowledged record. */
  readonly acked = new Map<string, string>();
  /** records acknowledged per partition (= end offset when the topic was empty before). */
  readonly perPartition: number[];
  next = 0;
  failed = 0;
  private producer: Producer;
  private streaming: Promise<void> | null = null;
  private stopRequested = false;

  constructor(bootstrap: string, readonly topic: string, readonly partitions: number, readonly tag: string) {
    this.producer = RecordSource.producer(bootstrap);
    this.perPartition = new Array<number>(partitions).fill(0);
  }

  private static producer(bootstrap: string): Producer {
    return new Producer({ bootstrap, acks: -1, lingerMs: 5, deliveryTimeoutMs: 5000, requestTimeoutMs: 3000 });
  }

  /** After a broker restart on another port. */
  async reconnect(bootstrap: string): Promise<void> {
    await this.close();
    this.producer = RecordSource.producer(bootstrap);
  }

  private send(i: number): Promise<void> {
    const partition = partitionOf(i, this.partitions);
    const headers = [{ key: 'h', value: Buffer.from(String(i)) }, { key: 'c', value: Buffer.from(this.tag) }];
    return this.producer.send({ topic: this.topic, partition, key: keyOf(i), value: valueOf(i), headers }).then((md) => {
      this.acked.set(`${md.partition}:${md.offset}`, `${md.partition}:${md.offset}:${keyOf(i)}:${valueOf(i)}:h=${i},c=${this.tag}`);
      this.perPartition[md.partition]++;
    }, () => { this.failed++; });
  }

  /** Sends `count` records at once and waits for all acknowledgements. */
  async produce(count: number): Promise<void> {
    const sends: Promise<void>[] = [];
    for (let n = 0; n < count; n++) sends.push(this.send(this.next++));
    await Promise.all(sends);
  }

  /** Starts sending `count` records at about `perSecond`; done() waits for their acknowledgements. */
  stream(count: number, perSecond: number): void {
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
    const end = this.next + count;
    this.stopRequested = false;
    this.streaming = (async () => {
      const sends: Promise<void>[] = [];
      while (this.next < end && !this.stopRequested) {
        for (let n = 0; n < perTick && this.next < end; n++) sends.push(this.send(this.next++));
        await new Promise((r) => setTimeout(r, tickMs));
      }
      await Promise.all(sends);
    })();
  }

  /** Stops a stream early (what was sent is still awaited by done()). */
  stop(): void { this.stopRequested = true; }

  async done(): Promise<void> {
    await this.streaming;
    this.streaming = null;
  }

  async close(): Promise<void> {
    this.stop();
    await this.done();
    await this.producer.close();
  }
}

export interface Tally {
  /** acknowledged records */
  expected: number;
  /** distinct acknowledged records consumed */
  distinct: number;
  /** consumed lines in total (with duplicates) */
  consumed: number;
  missing: string[];
  /** consumed lines that are not the acknowledged record at their offset */
  wrong: string[];
  /** "p:o" → every consumption of it (member name, when), for records consumed more than once */
  duplicates: Map<string, { member: string; rec: Consumed }[]>;
  perMember: Record<string, number>;
}

/** Compares what the members consumed with the acknowledged records. */
export function tally(acked: Map<string, string>, members: GroupMember[]): Tally {
  const seen = new Map<string, { member: string; rec: Consumed }[]>();
  const wrong: string[] = [];
  const perMember: Record<string, number> = {};
  let consumed = 0;
  for (const m of members) {
    perMember[m.name] = m.records.length;
    for (const l of m.badLines) if (wrong.length < 10) wrong.push(`${m.name} printed a line that is not a record digest: ${JSON.stringify(l)}`);
    for (const rec of m.records) {
      consumed++;
      const k = `${rec.partition}:${rec.offset}`;
      if (acked.get(k) !== rec.line && wrong.length < 10) wrong.push(`${m.name} printed ${JSON.stringify(rec.line)}, acknowledged there: ${JSON.stringify(acked.get(k))}`);
      let l = seen.get(k);
      if (!l) seen.set(k, (l = []));
      l.push({ member: m.name, rec });
    }
  }
  const missing: string[] = [];
  for (const k of acked.keys()) if (!seen.has(k)) missing.push(k);
  const duplicates = new Map([...seen].filter(([, l]) => l.length > 1));
  let distinct = 0;
  for (const k of seen.keys()) if (acked.has(k)) distinct++;
  return { expected: acked.size, distinct, consumed, missing, wrong, duplicates, perMember };
}

/** A short description of a tally for messages and the report. */
export function describeTally(t: Tally): string {
  return `${t.distinct}/${t.expected} records, ${t.consumed} consumed, ${t.duplicates.size} duplicated, ` +
    `${t.missing.length} missing${t.missing.length ? ` (first ${t.missing.slice(0, 5).join(' ')})` : ''}, per member ${JSON.stringify(t.perMember)}` +
    (t.wrong.length ? `; wrong: ${t.wrong.slice(0, 3).join('; ')}` : '');
}
