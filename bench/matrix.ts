// Ingest and consume matrix: value size × acks × compression × partitions, with kcat and
// `samsa perf` as load generators, against samsa (one layout) and the null sink (one per
// partition count) in the same run; then the headline cells (acks=1, no compression,
// 8 partitions, 100 B and 1 KiB) several times, for medians.
import * as path from 'path';
import { BenchClient } from './bench-client';
import { writeRecordsFile } from './data';
import { kcatConsume } from './kcat';
import { median } from './report';
import { consumeCommand, consumeRun, produceCommand, produceRun, type Broker, type Gen, type ProduceSpec, type RunSample } from './loadgen';
import { acksName, log, type Ctx } from './measure';
import { LAYOUTS, startNullSinkTarget, startSamsaTarget, type Target } from './targets';

export interface MatrixOptions {
  layout: string;
  sizes: number[];
  acks: number[];
  compressions: string[];
  partitions: number[];
  gens: Gen[];
  /** records per matrix cell, by generator and value size */
  records: Record<Gen, Record<number, number>>;
  headlineRuns: number;
  headlineRecords: Record<Gen, Record<number, number>>;
}

export interface Cell {
  kind: 'produce' | 'consume';
  gen: Gen;
  target: 'samsa' | 'null';
  size: number; acks: number; compression: string; partitions: number;
  records: number;
  headline: boolean;
  samples: RunSample[];
}

export interface MatrixResult {
  cells: Cell[]; commands: string[]; samsaName: string; layoutCommand: string; nullCommand: string;
  /** median wall time of kcat -C -e on a topic of KCAT_SMALL records: start-up plus the final long poll */
  kcatFixedSeconds: number;
}

export const KCAT_SMALL = 1000;

export function matrixOptions(quick: boolean, layout: string, headlineRuns?: number): MatrixOptions {
  const k = quick ? 5 : 1;
  return {
    layout, sizes: [100, 1024], acks: [0, 1, -1], compressions: ['none', 'lz4'], partitions: [1, 8], gens: ['kcat', 'perf'],
    records: { kcat: { 100: 250_000 / k, 1024: 250_000 / k }, perf: { 100: 500_000 / k, 1024: 250_000 / k } },
    headlineRuns: headlineRuns ?? (quick ? 2 : 3),
    headlineRecords: { kcat: { 100: 1_000_000 / k, 1024: 300_000 / k }, perf: { 100: 2_000_000 / k, 1024: 500_000 / k } },
  };
}

const topicName = (c: Omit<Cell, 'samples' | 'kind' | 'target' | 'records'>, run = 0) =>
  `${c.headline ? 'h' : 'm'}-${c.gen}-${c.size}-a${acksName(c.acks)}-${c.compression}-p${c.partitions}${run ? `-r${run}` : ''}`;

export async function runMatrix(ctx: Ctx, o: MatrixOptions): Promise<MatrixResult> {
  const files: Record<number, string> = {};
  for (const size of o.sizes) {
    const n = Math.max(o.records.kcat[size], o.headlineRecords.kcat[size]);
    files[size] = path.join(ctx.tmpRoot, `records-${size}.txt`);
    writeRecordsFile(files[size], n, size);
  }
  const cells: Cell[] = [];
  const started: Target[] = [];
  const start = async (t: Promise<Target>) => { const x = await t; started.push(x); ctx.live.add(x); return x; };
  let client: BenchClient | undefined;
  let kcatFixedSeconds = NaN;
  try {
    const samsaT = await start(startSamsaTarget(LAYOUTS[o.layout], path.join(ctx.tmpRoot, 'data-matrix'), 8));
    client = new BenchClient(samsaT.bootstrap);
    const samsa: Broker = { target: samsaT, client };
    const sinks = new Map<number, Broker>();
    for (const p of o.partitions) {
      const t = await start(startNullSinkTarget(p));
      sinks.set(p, { target: t });
    }
    log(ctx, `matrix: ${samsaT.name} at ${samsaT.bootstrap}, null sinks for ${o.partitions.join(' and ')} partitions`);
    const brokers = (p: number): [Cell['target'], Broker][] => [['samsa', samsa], ['null', sinks.get(p)!]];

    const produceCell = async (base: Omit<Cell, 'samples' | 'kind' | 'target' | 'records'>, records: number, run: number): Promise<string> => {
      const topic = topicName(base, run);
      for (const [which, b] of brokers(base.partitions)) {
        let cell = cells.find((c) => c.kind === 'produce' && c.target === which && c.headline === base.headline && c.gen === base.gen && c.size === base.size &&
          c.acks === base.acks && c.compression === base.compression && c.partitions === base.partitions);
        if (!cell) cells.push(cell = { ...base, kind: 'produce', target: which, records, samples: [] });
        if (which === 'samsa') await client!.createTopics([topic], base.partitions);
        const spec: ProduceSpec = { gen: base.gen, size: base.size, acks: base.acks, compression: base.compression, partitions: base.partitions, records, topic, file: files[base.size] };
        const s = await produceRun(ctx, b, spec);
        cell.samples.push(s);
        log(ctx, `  produce ${base.gen.padEnd(4)} → ${which.padEnd(5)} ${String(base.size).padStart(4)} B acks=${acksName(base.acks).padEnd(3)} ${base.compression.padEnd(4)} ${base.partitions}p: ` +
          `${Math.round(s.rate).toLocaleString('en-US').padStart(10)} rec/s${s.latency ? ` (ack p99 ${s.latency.p99.toFixed(1)} ms)` : ''}, broker CPU ${(s.brokerCpu / records * 1e6).toFixed(2)} µs/rec, other load ${(s.otherCpu / s.seconds).toFixed(2)}${s.ok ? '' : `  FAILED: ${s.note}`}`);
      }
      return topic;
    };

    const consumeCell = async (base: Omit<Cell, 'samples' | 'kind' | 'target' | 'records'>, records: number, topic: string): Promise<void> => {
      let cell = cells.find((c) => c.kind === 'consume' && c.headline === base.headline && c.gen === base.gen && c.size === base.size && c.compression === base.compression && c.partitions === base.partitions);
      if (!cell) cells.push(cell = { ...base, kind: 'consume', target: 'samsa', records, samples: [] });
      const s = await consumeRun(ctx, samsa, base.gen, topic, records);
      cell.samples.push(s);
      log(ctx, `  consume ${base.gen.padEnd(4)} ← samsa ${String(base.size).padStart(4)} B ${base.compression.padEnd(4)} ${base.partitions}p: ` +
        `${Math.round(s.rate).toLocaleString('en-US').padStart(10)} rec/s, broker CPU ${(s.brokerCpu / records * 1e6).toFixed(2)} µs/rec, other load ${(s.otherCpu / s.seconds).toFixed(2)}${s.ok ? '' : `  FAILED: ${s.note}`}`);
    };

    const drop = async (topics: string[]) => { try { await client!.deleteTopics(topics); } catch (err) { log(ctx, `  (could not delete ${topics.join(', ')}: ${(err as Error).message})`); } };

    for (const size of o.sizes) {
      // warm-up, unmeasured: every generator against every broker, and both consumers
      for (const gen of o.gens) {
        for (const [, b] of brokers(8)) {
          const topic = `warmup-${gen}-${size}`;
          if (b.client) await b.client.createTopics([topic], 8);
          await produceRun(ctx, b, { gen, size, acks: 1, compression: 'none', partitions: 8, records: Math.ceil(o.records[gen][size] / 5), topic, file: files[size] }, false);
        }
        await consumeRun(ctx, samsa, gen, `warmup-${gen}-${size}`, Math.ceil(o.records[gen][size] / 5));
      }
      if (size === o.sizes[0] && o.gens.includes('kcat')) {
        await client.createTopics(['kcat-small'], 8);
        await produceRun(ctx, samsa, { gen: 'kcat', size, acks: 1, compression: 'none', partitions: 8, records: KCAT_SMALL, topic: 'kcat-small', file: files[size] }, false);
        const times: number[] = [];
        for (let i = 0; i < 3; i++) { const k = await kcatConsume(samsaT.bootstrap, 'kcat-small'); if (k.code === 0 && k.lines === KCAT_SMALL) times.push(k.seconds); }
        kcatFixedSeconds = median(times);
        log(ctx, `matrix: kcat needs ${kcatFixedSeconds.toFixed(2)} s to consume a topic of ${KCAT_SMALL} records (start-up and the final long poll; median of ${times.length})`);
      }
      log(ctx, `matrix ${size} B: warmed up`);
      for (const partitions of o.partitions) {
        for (const compression of o.compressions) {
          const keep = new Map<Gen, string>();
          for (const acks of o.acks) {
            for (const gen of o.gens) {
              const topic = await produceCell({ gen, size, acks, compression, partitions, headline: false }, o.records[gen][size], 0);
              if (acks === 1) keep.set(gen, topic); else await drop([topic]);
            }
          }
          for (const gen of o.gens) {
            const topic = keep.get(gen);
            if (topic) await consumeCell({ gen, size, acks: 1, compression, partitions, headline: false }, o.records[gen][size], topic);
          }
          await drop([...keep.values()]);
        }
      }
    }
    log(ctx, `matrix: headline cells, ${o.headlineRuns} runs each`);
    for (let r = 1; r <= o.headlineRuns; r++) {
      for (const size of o.sizes) for (const gen of o.gens) await produceCell({ gen, size, acks: 1, compression: 'none', partitions: 8, headline: true }, o.headlineRecords[gen][size], r);
    }
    for (let r = 1; r <= o.headlineRuns; r++) {
      for (const size of o.sizes) for (const gen of o.gens) {
        const base = { gen, size, acks: 1, compression: 'none', partitions: 8, headline: true };
        await consumeCell(base, o.headlineRecords[gen][size], topicName(base, r));
        await drop([topicName(base, r)]);
      }
    }
    const nullT = sinks.get(8)!.target;
    const commands = o.gens.flatMap((gen) => {
      const spec: ProduceSpec = { gen, size: 100, acks: 1, compression: 'lz4', partitions: 8, records: o.records[gen][100], topic: topicName({ gen, size: 100, acks: 1, compression: 'lz4', partitions: 8, headline: false }), file: '$TMP/records-100.txt' };
      return [produceCommand(spec, '$BOOTSTRAP'), consumeCommand(gen, '$BOOTSTRAP', spec.topic, spec.records)];
    });
    return { cells, commands, samsaName: samsaT.name, layoutCommand: samsaT.command, nullCommand: nullT.command, kcatFixedSeconds };
  } catch (err) {
    for (const t of started) log(ctx, `--- ${t.name} log tail:\n${t.logTail()}`);
    throw err;
  } finally {
    await client?.close().catch(() => undefined);
    for (const t of started) { await t.stop(); ctx.live.delete(t); }
  }
}
