// The offset-reset plan of `samsa consumer-groups --reset-offsets` (kafka-consumer-groups.sh's
// scenarios): which partitions, and the new offset of each. Pure apart from the lookups
// it is given, so every mode can be tested without a broker.
import type { TopicPartition } from '../client/group/apis';
import { UsageError } from './options';

export type ResetSpec =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'current' }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number }
  | { kind: 'datetime'; timestamp: number }
  | { kind: 'duration'; ms: number };

export interface OffsetLookups {
  /** Log start offsets. */
  earliest(tps: TopicPartition[]): Promise<Map<string, number>>;
  /** Log end offsets. */
  latest(tps: TopicPartition[]): Promise<Map<string, number>>;
  /** First offset with a timestamp at or after `timestamp` (-1 when there is none). */
  forTimestamp(tps: TopicPartition[], timestamp: number): Promise<Map<string, number>>;
  /** The group's committed offsets. */
  committed(): Promise<Map<string, number>>;
  now(): number;
}

export interface ResetNotes {
  /** Kafka logs these as warnings (stderr here). */
  warn(s: string): void;
  /** Kafka prints these on stdout. */
  info(s: string): void;
}

export const tpKey = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

/** Parses --topic values: "t" (every partition of t, resolved by `partitionsOf`) or "t:0,2". */
export async function partitionsToReset(topicArgs: string[], partitionsOf: (topic: string) => Promise<number[]>): Promise<TopicPartition[]> {
  const out: TopicPartition[] = [];
  for (const arg of topicArgs) {
    if (!arg.includes(':')) {
      for (const partition of await partitionsOf(arg)) out.push({ topic: arg, partition });
      continue;
    }
    const parts = arg.split(':');
    if (parts.length !== 2 || parts[0] === '') throw new UsageError(`Invalid topic arg '${arg}', expected topic name and partitions`);
    for (const p of parts[1].split(',')) {
      if (!/^\d+$/.test(p.trim())) throw new UsageError(`Invalid partition '${p}' specified in topic arg '${arg}''`);
      out.push({ topic: parts[0], partition: Number(p.trim()) });
    }
  }
  const seen = new Set<string>();
  return out.filter((tp) => (seen.has(tpKey(tp)) ? false : (seen.add(tpKey(tp)), true)));
}

/** Kafka's Utils.getDateTime: yyyy-MM-ddTHH:mm:ss.SSS with an optional zone (Z, ±HH, ±HHMM, ±HH:MM); UTC when absent. */
export function parseDateTime(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value);
  if (!value.includes('T')) throw new UsageError("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format");
  if (!m) throw new UsageError(`Unparseable date: "${value}" (expected YYYY-MM-DDTHH:mm:SS.sss, optionally with a zone such as Z or +02:00)`);
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    throw new UsageError(`Unparseable date: "${value}"`);
  }
  let offsetMin = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  return local - offsetMin * 60_000;
}

/** Java's Duration.parse for PnDTnHnMn.nS (days, hours, minutes, seconds; each optionally signed). */
export function parseDuration(value: string): number {
  const m = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i.exec(value.trim());
  if (!m || /T$/i.test(value.trim()) || value.trim().toUpperCase() === 'P') throw new UsageError(`Text cannot be parsed to a Duration: ${value}`);
  const [, sign, d, h, mi, s, frac] = m;
  const secNeg = (s ?? '').startsWith('-');
  let ms = (Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(mi ?? 0) * 60 + Number(s ?? 0)) * 1000;
  if (frac) ms += (secNeg ? -1 : 1) * Math.floor(Number(frac.padEnd(9, '0')) / 1e6);
  return sign === '-' ? -ms : ms;
}

/** New offsets for `partitions` under `spec` (Kafka's GroupOffsetsResetter semantics). */
export async function planReset(spec: ResetSpec, partitions: TopicPartition[], look: OffsetLookups, notes: ResetNotes): Promise<{ topic: string; partition: number; offset: number }[]> {
  const out = (offsetOf: (tp: TopicPartition) => number) => partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: offsetOf(tp) }));
  const need = (m: Map<string, number>, tp: TopicPartition, what: string) => {
    const v = m.get(tpKey(tp));
    if (v === undefined || v < 0) throw new Error(`Error getting ${what} offset of topic partition: ${tpKey(tp)}`);
    return v;
  };
  /** Kafka's checkOffsetsRange: clamps requested offsets into [log start, log end]. */
  const clamp = async (requested: Map<string, number>) => {
    const [starts, ends] = await Promise.all([look.earliest(partitions), look.latest(partitions)]);
    return out((tp) => {
      const k = tpKey(tp);
      const want = requested.get(k)!;
      const end = ends.get(k);
      const start = starts.get(k);
      if (end !== undefined && want > end) {
        notes.warn(`New offset (${want}) is higher than latest offset for topic partition ${k}. Value will be set to ${end}.`);
        return end;
      }
      if (start !== undefined && want < start) {
        notes.warn(`New offset (${want}) is lower than earliest offset for topic partition ${k}. Value will be set to ${start}.`);
        return start;
      }
      return want;
    });
  };
  const byTime = async (timestamp: number) => {
    const found = await look.forTimestamp(partitions, timestamp);
    const missing = partitions.filter((tp) => (found.get(tpKey(tp)) ?? -1) < 0);
    for (const tp of missing) notes.info(`\nWarn: Partition ${tp.partition} from topic ${tp.topic} is empty. Falling back to latest known offset.`);
    const ends = missing.length ? await look.latest(missing) : new Map<string, number>();
    return out((tp) => ((found.get(tpKey(tp)) ?? -1) >= 0 ? found.get(tpKey(tp))! : need(ends, tp, 'offset by timestamp')));
  };
  switch (spec.kind) {
    case 'earliest': { const m = await look.earliest(partitions); return out((tp) => need(m, tp, 'starting')); }
    case 'latest': { const m = await look.latest(partitions); return out((tp) => need(m, tp, 'ending')); }
    case 'offset': return clamp(new Map(partitions.map((tp) => [tpKey(tp), spec.offset])));
    case 'shift': {
      const committed = await look.committed();
      return clamp(new Map(partitions.map((tp) => {
        const cur = committed.get(tpKey(tp));
        if (cur === undefined || cur < 0) throw new UsageError(`Cannot shift offset for partition ${tpKey(tp)} since there is no current committed offset`);
        return [tpKey(tp), cur + spec.by];
      })));
    }
    case 'current': {
      const committed = await look.committed();
      const without = partitions.filter((tp) => (committed.get(tpKey(tp)) ?? -1) < 0);
      const ends = without.length ? await look.latest(without) : new Map<string, number>();
      return out((tp) => ((committed.get(tpKey(tp)) ?? -1) >= 0 ? committed.get(tpKey(tp))! : need(ends, tp, 'ending')));
    }
    case 'datetime': return byTime(spec.timestamp);
    case 'duration': return byTime(look.now() - spec.ms);
  }
}
