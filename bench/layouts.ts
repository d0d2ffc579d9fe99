// Thread layouts (N processors × M handlers, and single) against the null sink with kcat:
// produce 100 B and 1 KiB (acks=1, 8 partitions), then consume, several runs round-robin.
import * as fs from 'fs';
import * as path from 'path';
import { writeRecordsFile } from './data';
import { consumeArgs, endOffsetSum, ensureTopic, kcatConsume, kcatProduce, produceArgs } from './kcat';
import { accounted, log, quiet, type Around, type Ctx } from './measure';
import { consumeTable, median, produceTable, type Measurement, type Sample } from './report';
import { LAYOUTS, startNullSinkTarget, startSamsaTarget, type Target } from './targets';

export interface LayoutOptions { targets: string[]; sizes: number[]; records: Record<number, number>; runs: number; partitions: number; acks: number }

export function layoutOptions(quick: boolean, targets = ['null', '1x1', '1x2', '2x2', 'single'], runs?: number): LayoutOptions {
  const k = quick ? 5 : 1;
  return { targets, sizes: [100, 1024], records: { 100: 1_000_000 / k, 1024: 300_000 / k }, runs: runs ?? (quick ? 2 : 3), partitions: 8, acks: 1 };
}

export interface LayoutResult { results: Measurement[]; commands: Map<string, string>; files: Record<number, string> }

export async function produceOnce(ctx: Ctx, o: LayoutOptions, target: Target, topic: string, file: string, records: number, around?: Around): Promise<Sample> {
  await ensureTopic(target.bootstrap, topic, o.partitions);
  const before = target.recordsReceived ? await target.recordsReceived() : 0;
  await quiet(ctx);
  const [r, acc] = await accounted(target.pid, async () => {
    const k = await kcatProduce({ bootstrap: target.bootstrap, topic, file, acks: o.acks, queueMessages: Math.max(records, 100_000), limit: records });
    return { ...k, genCpu: k.kcatCpu };
  }, around);
  let note: string | undefined;
  if (r.code !== 0) note = `kcat exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  else {
    const got = target.recordsReceived ? (await target.recordsReceived()) - before : await endOffsetSum(target.bootstrap, topic, o.partitions);
    if (got !== records) note = `broker holds ${got} of ${records} records`;
  }
  return { ...acc, ok: note === undefined, note };
}

async function consumeOnce(ctx: Ctx, target: Target, topic: string, records: number): Promise<Sample> {
  await quiet(ctx);
  const [r, acc] = await accounted(target.pid, async () => { const k = await kcatConsume(target.bootstrap, topic); return { ...k, genCpu: k.kcatCpu }; });
  let note: string | undefined;
  if (r.code !== 0) note = `kcat exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  else if (r.lines !== records) note = `kcat printed ${r.lines} of ${records} records`;
  return { ...acc, ok: note === undefined, note };
}

const SMALL = 1000;

/**
 * Median time for kcat -C -e on a topic of SMALL records: process start, metadata, offsets and the
 * last fetch, which the broker holds for fetch.wait.max.ms (librdkafka: 500 ms) before kcat sees
 * the end. (An empty topic is no baseline: librdkafka takes about 1 s to report its end.)
 */
async function smallConsumeSeconds(ctx: Ctx, o: LayoutOptions, target: Target, file: string): Promise<number> {
  await ensureTopic(target.bootstrap, 'bench-small', o.partitions);
  await kcatProduce({ bootstrap: target.bootstrap, topic: 'bench-small', file, acks: o.acks, queueMessages: SMALL, limit: SMALL });
  const times: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    const run = await kcatConsume(target.bootstrap, 'bench-small');
    if (run.code === 0 && run.lines === SMALL) times.push(run.seconds);
  }
  const t = median(times);
  log(ctx, `  consume ${target.name}: ${SMALL} records take ${t.toFixed(2)} s (fixed cost, median of ${times.length})`);
  return t;
}

function line(m: Measurement, s: Sample): string {
  const rate = m.records / s.seconds;
  return `  ${m.kind} ${m.target} ${m.valueBytes} B: ${s.seconds.toFixed(2)} s, ${Math.round(rate).toLocaleString('en-US')} rec/s, ` +
    `broker CPU ${s.brokerCpu.toFixed(2)} s, kcat CPU ${s.kcatCpu.toFixed(2)} s, other ${s.otherCpu.toFixed(2)} s${s.ok ? '' : `  FAILED: ${s.note}`}`;
}

export function layoutFiles(ctx: Ctx, o: LayoutOptions): Record<number, string> {
  const files: Record<number, string> = {};
  for (const size of o.sizes) {
    files[size] = path.join(ctx.tmpRoot, `layout-records-${size}.txt`);
    if (!fs.existsSync(files[size])) writeRecordsFile(files[size], o.records[size], size);
  }
  return files;
}

/**
 * Every target runs at once (idle ones cost nothing) and the runs go round-robin over them:
 * run r of every target, then run r+1, so load from other processes on a shared box is
 * spread over the targets instead of landing on whichever was being measured.
 */
export async function runLayouts(ctx: Ctx, o: LayoutOptions): Promise<LayoutResult> {
  const files = layoutFiles(ctx, o);
  const results: Measurement[] = [];
  const commands = new Map<string, string>();
  const started: { key: string; target: Target; dataDir: string }[] = [];
  try {
    for (const key of o.targets) {
      const dataDir = path.join(ctx.tmpRoot, `data-${key}`);
      const target = key === 'null' ? await startNullSinkTarget(o.partitions) : await startSamsaTarget(LAYOUTS[key], dataDir, o.partitions);
      ctx.live.add(target);
      started.push({ key, target, dataDir });
      commands.set(target.name, target.command);
      log(ctx, `layouts: ${target.name} at ${target.bootstrap} (pid ${target.pid})`);
    }
    const produced = new Map<string, Measurement>();
    for (const size of o.sizes) {
      const n = o.records[size];
      for (const { target } of started) {
        await ensureTopic(target.bootstrap, `bench-${size}-warmup`, o.partitions);
        await kcatProduce({ bootstrap: target.bootstrap, topic: `bench-${size}-warmup`, file: files[size], acks: o.acks, queueMessages: n, limit: Math.ceil(n / 10) });
        const m: Measurement = { kind: 'produce', target: target.name, valueBytes: size, records: n, samples: [] };
        results.push(m);
        produced.set(`${target.name}/${size}`, m);
      }
      for (let r = 1; r <= o.runs; r++) {
        for (const { target } of started) {
          const m = produced.get(`${target.name}/${size}`)!;
          const s = await produceOnce(ctx, o, target, `bench-${size}-r${r}`, files[size], n);
          m.samples.push(s);
          log(ctx, line(m, s));
        }
      }
    }
    const consumers = started.filter((s) => s.key !== 'null');
    const fixed = new Map<string, number>();
    for (const { target } of consumers) fixed.set(target.name, await smallConsumeSeconds(ctx, o, target, files[o.sizes[0]]));
    for (const size of o.sizes) {
      const n = o.records[size];
      const sources = new Map<string, string>();
      const ms = new Map<string, Measurement>();
      for (const { target } of consumers) {
        const c: Measurement = { kind: 'consume', target: target.name, valueBytes: size, records: n, samples: [], fixedSeconds: fixed.get(target.name), fixedRecords: SMALL };
        results.push(c);
        ms.set(target.name, c);
        const source = produced.get(`${target.name}/${size}`)!.samples.findIndex((s) => s.ok);
        if (source < 0) log(ctx, `  consume ${target.name} ${size} B skipped: no produce run succeeded`);
        else sources.set(target.name, `bench-${size}-r${source + 1}`);
      }
      for (let r = 1; r <= o.runs; r++) {
        for (const { target } of consumers) {
          const topic = sources.get(target.name);
          if (topic === undefined) continue;
          const c = ms.get(target.name)!;
          const s = await consumeOnce(ctx, target, topic, n);
          c.samples.push(s);
          log(ctx, line(c, s));
        }
      }
    }
  } catch (err) {
    for (const { target } of started) log(ctx, `--- ${target.name} log tail:\n${target.logTail()}`);
    throw err;
  } finally {
    for (const { target, dataDir } of started) {
      await target.stop();
      ctx.live.delete(target);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { results, commands, files };
}

export function layoutsMarkdown(r: LayoutResult, o: LayoutOptions): string {
  const sample = (size: number) => produceArgs({ bootstrap: '$BOOTSTRAP', topic: `bench-${size}-r1`, file: `$TMP/records-${size}.txt`, acks: o.acks, queueMessages: Math.max(o.records[size], 100_000), limit: o.records[size] });
  return [
    `kcat, acks=${o.acks}, ${o.partitions} partitions, ${o.sizes.map((s) => `${o.records[s].toLocaleString('en-US')} records of ${s} B`).join(' and ')}; ` +
    `every target gets one unmeasured warm-up of 10% of the records, then ${o.runs} runs round-robin over the targets; medians. ` +
    'A produce run is timed from spawning kcat until it exits, after every delivery report; it counts only if kcat exits 0 and the broker holds exactly the records sent. ' +
    'A consume run is timed from spawn to exit (`-e`) and counts only if kcat printed one line per record; "records/s beyond that" subtracts the time kcat needs for a topic of 1,000 records (start-up and the final long poll).',
    '',
    `#### Produce (acks=${o.acks})`,
    '',
    produceTable(r.results),
    '',
    '#### Consume',
    '',
    consumeTable(r.results),
    '',
    '```sh',
    ...[...r.commands].map(([name, cmd]) => `# ${name}\n${cmd}`),
    ...o.sizes.map((s) => `# produce, ${s} B values (one fresh topic of ${o.partitions} partitions per run, created beforehand with kcat -L)\nkcat ${sample(s).join(' ')}`),
    `# consume (the topic of the first good produce run)\nkcat ${consumeArgs('$BOOTSTRAP', 'bench-100-r1').join(' ')} | wc -l`,
    '```',
  ].join('\n');
}
