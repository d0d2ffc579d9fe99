// After a kill -9 and restart: every acknowledged record must be readable at its acknowledged
// offset with its content; whatever else is stored must be records the producer sent, in dense
// offsets from 0 per partition.
import * as fs from 'fs';
import { headerText, headersOf, keyOf, parseLine, partitionOf, valueOf } from './records';

export interface KillCheck {
  acked: number;
  stored: number;
  /** problems found, at most a few of each kind */
  problems: string[];
}

function readAcks(file: string): [number, number, number][] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => l.split(' ').map(Number) as [number, number, number]);
}

export function checkAfterKill(ackFile: string, dumpFile: string, codec: string, partitions: number): KillCheck {
  const problems: string[] = [];
  const note = (kind: string, msg: string) => {
    if (problems.filter((p) => p.startsWith(kind)).length < 5) problems.push(`${kind}: ${msg}`);
  };
  const stored = new Map<string, string>();
  const nextOffset = new Array<number>(partitions).fill(0);
  const lines = fs.readFileSync(dumpFile, 'utf8').split('\n').filter((l) => l);
  for (const line of lines) {
    const r = parseLine(line);
    if (r.offset !== nextOffset[r.partition]) note('gap', `partition ${r.partition} has offset ${r.offset} after ${nextOffset[r.partition] - 1}`);
    nextOffset[r.partition] = r.offset + 1;
    stored.set(`${r.partition}:${r.offset}`, line);
    const i = Number(r.key.slice(1));
    const want = `${r.partition}:${r.offset}:${keyOf(i)}:${valueOf(i)}:${headerText(headersOf(i, codec))}`;
    if (!/^k\d+$/.test(r.key) || line !== want || partitionOf(i, partitions) !== r.partition) note('garbage', `stored ${JSON.stringify(line)}`);
  }
  const acks = readAcks(ackFile);
  const seen = new Map<string, number>();
  for (const [i, p, o] of acks) {
    const at = `${p}:${o}`;
    if (seen.has(at)) note('duplicate ack', `records ${seen.get(at)} and ${i} both acknowledged at ${at}`);
    seen.set(at, i);
    if (p !== partitionOf(i, partitions)) note('partition', `record ${i} acknowledged in partition ${p}`);
    const want = `${p}:${o}:${keyOf(i)}:${valueOf(i)}:${headerText(headersOf(i, codec))}`;
    const got = stored.get(at);
    if (got !== want) note('lost', `record ${i} acknowledged at ${at}, stored there: ${got === undefined ? 'nothing' : JSON.stringify(got)}`);
  }
  return { acked: acks.length, stored: lines.length, problems };
}
