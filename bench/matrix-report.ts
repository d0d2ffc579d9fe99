// Markdown for the ingest/consume matrix and its headline cells.
import { KCAT_SMALL, type Cell, type MatrixOptions, type MatrixResult } from './matrix';
import { acksName, fmt1, fmt2, fmtInt, sizeName } from './measure';
import { median } from './report';

export interface CellSummary { rate: number; rates: number[]; failed: number; brokerUs: number; genUs: number; otherMax: number; p99: number; p50: number; perRequest: number; brokerUsPerRequest: number }

/** kcat consume rate without its fixed start-up and final long poll. */
export function kcatNet(r: MatrixResult, records: number, rate: number): number {
  const net = (records - KCAT_SMALL) / (records / rate - r.kcatFixedSeconds);
  return net > 0 ? net : NaN;
}

export function cellSummary(c: Cell | undefined): CellSummary {
  if (!c) return { rate: NaN, rates: [], failed: 0, brokerUs: NaN, genUs: NaN, otherMax: NaN, p99: NaN, p50: NaN, perRequest: NaN, brokerUsPerRequest: NaN };
  const ok = c.samples.filter((s) => s.ok);
  return {
    rate: median(ok.map((s) => s.rate)),
    rates: ok.map((s) => s.rate),
    failed: c.samples.length - ok.length,
    brokerUs: median(ok.map((s) => s.brokerCpu / c.records * 1e6)),
    genUs: median(ok.map((s) => s.kcatCpu / c.records * 1e6)),
    otherMax: ok.length ? Math.max(...ok.map((s) => s.otherCpu / s.seconds)) : NaN,
    p50: median(ok.filter((s) => s.latency).map((s) => s.latency!.p50)),
    p99: median(ok.filter((s) => s.latency).map((s) => s.latency!.p99)),
    perRequest: median(ok.filter((s) => s.requests).map((s) => c.records / s.requests!)),
    brokerUsPerRequest: median(ok.filter((s) => s.requests).map((s) => s.brokerCpu / s.requests! * 1e6)),
  };
}

type Key = Pick<Cell, 'kind' | 'gen' | 'size' | 'acks' | 'compression' | 'partitions' | 'headline'> & { target?: Cell['target'] };

export function findCell(cells: Cell[], k: Key): Cell | undefined {
  return cells.find((c) => c.kind === k.kind && c.gen === k.gen && c.size === k.size && (k.kind === 'consume' || c.acks === k.acks) &&
    c.compression === k.compression && c.partitions === k.partitions && c.headline === k.headline && (k.target === undefined || c.target === k.target));
}

const GEN_NAME = { kcat: 'kcat', perf: 'samsa perf' } as const;
const runsText = (s: CellSummary) => s.rates.map(fmtInt).join(' / ') + (s.failed ? ` (+${s.failed} failed)` : '');

export function headlineRows(r: MatrixResult, o: MatrixOptions): { size: number; gen: 'kcat' | 'perf'; samsa: CellSummary; sink: CellSummary; consume: CellSummary }[] {
  const out = [];
  for (const size of o.sizes) for (const gen of o.gens) {
    const k = { gen, size, acks: 1, compression: 'none', partitions: 8, headline: true };
    out.push({
      size, gen,
      samsa: cellSummary(findCell(r.cells, { ...k, kind: 'produce', target: 'samsa' })),
      sink: cellSummary(findCell(r.cells, { ...k, kind: 'produce', target: 'null' })),
      consume: cellSummary(findCell(r.cells, { ...k, kind: 'consume' })),
    });
  }
  return out;
}

export function headlineTable(r: MatrixResult, o: MatrixOptions): string {
  const rows = [
    '| value | load generator | records | samsa produce rec/s (median) | null sink rec/s (median) | **× null sink** | samsa runs | null sink runs | broker CPU µs/rec | generator CPU µs/rec (samsa / sink) | samsa consume rec/s (median) | consume runs | other load, max (cores) |',
    '|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|---:|',
  ];
  for (const h of headlineRows(r, o)) {
    rows.push(`| ${sizeName(h.size)} | ${GEN_NAME[h.gen]} | ${fmtInt(o.headlineRecords[h.gen][h.size])} | ${fmtInt(h.samsa.rate)} | ${fmtInt(h.sink.rate)} | **${fmt2(h.samsa.rate / h.sink.rate)}** | ` +
      `${runsText(h.samsa)} | ${runsText(h.sink)} | ${fmt2(h.samsa.brokerUs)} | ${fmt2(h.samsa.genUs)} / ${fmt2(h.sink.genUs)} | ${fmtInt(h.consume.rate)}${h.gen === 'kcat' ? ` (${fmtInt(kcatNet(r, o.headlineRecords.kcat[h.size], h.consume.rate))} beyond start-up)` : ''} | ${runsText(h.consume)} | ` +
      `${fmt2(Math.max(h.samsa.otherMax, h.sink.otherMax, h.consume.otherMax))} |`);
  }
  return rows.join('\n');
}

export function produceMatrixTable(r: MatrixResult, o: MatrixOptions): string {
  const rows = [
    '| value | partitions | compression | acks | kcat → samsa | kcat → null sink | × | samsa perf → samsa | samsa perf → null sink | × | perf ack p99 ms (samsa / sink) | broker CPU µs/rec (kcat / perf) | perf: records per Produce request, broker CPU µs per request | other load, max |',
    '|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const size of o.sizes) for (const partitions of o.partitions) for (const compression of o.compressions) for (const acks of o.acks) {
    const k = { kind: 'produce' as const, size, acks, compression, partitions, headline: false };
    const ks = cellSummary(findCell(r.cells, { ...k, gen: 'kcat', target: 'samsa' }));
    const kn = cellSummary(findCell(r.cells, { ...k, gen: 'kcat', target: 'null' }));
    const ps = cellSummary(findCell(r.cells, { ...k, gen: 'perf', target: 'samsa' }));
    const pn = cellSummary(findCell(r.cells, { ...k, gen: 'perf', target: 'null' }));
    const fail = (s: CellSummary) => (s.failed ? ' (failed)' : '');
    rows.push(`| ${sizeName(size)} | ${partitions} | ${compression} | ${acksName(acks)} | ${fmtInt(ks.rate)}${fail(ks)} | ${fmtInt(kn.rate)}${fail(kn)} | ${fmt2(ks.rate / kn.rate)} | ` +
      `${fmtInt(ps.rate)}${fail(ps)} | ${fmtInt(pn.rate)}${fail(pn)} | ${fmt2(ps.rate / pn.rate)} | ${fmt1(ps.p99)} / ${fmt1(pn.p99)} | ${fmt2(ks.brokerUs)} / ${fmt2(ps.brokerUs)} | ${fmtInt(ps.perRequest)}, ${fmtInt(ps.brokerUsPerRequest)} | ` +
      `${fmt2(Math.max(ks.otherMax, kn.otherMax, ps.otherMax, pn.otherMax))} |`);
  }
  return rows.join('\n');
}

export function consumeMatrixTable(r: MatrixResult, o: MatrixOptions): string {
  const rows = [
    '| value | partitions | compression | kcat rec/s | kcat rec/s beyond start-up | samsa perf rec/s | perf fetch latency p50 / p99 ms | broker CPU µs/rec (kcat / perf) | other load, max |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const size of o.sizes) for (const partitions of o.partitions) for (const compression of o.compressions) {
    const k = { kind: 'consume' as const, size, acks: 1, compression, partitions, headline: false };
    const kc = cellSummary(findCell(r.cells, { ...k, gen: 'kcat' }));
    const pc = cellSummary(findCell(r.cells, { ...k, gen: 'perf' }));
    rows.push(`| ${sizeName(size)} | ${partitions} | ${compression} | ${fmtInt(kc.rate)}${kc.failed ? ' (failed)' : ''} | ${fmtInt(kcatNet(r, o.records.kcat[size], kc.rate))} | ${fmtInt(pc.rate)}${pc.failed ? ' (failed)' : ''} | ` +
      `${fmt1(pc.p50)} / ${fmt1(pc.p99)} | ${fmt2(kc.brokerUs)} / ${fmt2(pc.brokerUs)} | ${fmt2(Math.max(kc.otherMax, pc.otherMax))} |`);
  }
  return rows.join('\n');
}

export function matrixFailures(r: MatrixResult): string[] {
  const out: string[] = [];
  for (const c of r.cells) for (const [i, s] of c.samples.entries()) {
    if (s.note) out.push(`- ${c.kind} ${GEN_NAME[c.gen]} ${c.kind === 'produce' ? (c.target === 'null' ? '→ null sink' : '→ samsa') : '← samsa'} ${sizeName(c.size)} acks=${acksName(c.acks)} ${c.compression} ${c.partitions}p${c.headline ? ` (headline run ${i + 1})` : ''}: ${s.note}`);
  }
  return out;
}

export function matrixMarkdown(r: MatrixResult, o: MatrixOptions): string {
  const fails = matrixFailures(r);
  return [
    `### Headline cells: acks=1, no compression, 8 partitions, ${o.headlineRuns} runs each (median)`,
    '',
    headlineTable(r, o),
    '',
    `### Produce matrix (records/s, one run per cell: ${o.gens.map((g) => `${GEN_NAME[g]} ${o.sizes.map((s) => `${fmtInt(o.records[g][s])} × ${sizeName(s)}`).join(', ')}`).join('; ')})`,
    '',
    produceMatrixTable(r, o),
    '',
    '### Consume matrix (samsa; records/s, one run per cell, reading the acks=1 topic of the same generator)',
    '',
    `kcat's rate is records / wall time from spawn to exit; "beyond start-up" subtracts the ${fmt2(r.kcatFixedSeconds)} s kcat needs for a topic of ${fmtInt(KCAT_SMALL)} records (process start, metadata, offsets and the final fetch the broker holds for fetch.wait.max.ms = 500 ms).`,
    '',
    consumeMatrixTable(r, o),
    '',
    ...(fails.length ? ['Failed runs:', '', ...fails, ''] : []),
    '```sh',
    `# samsa (${r.samsaName}), null sinks (one per partition count)`,
    r.layoutCommand,
    r.nullCommand,
    '# one cell (other cells vary -X acks / -z and --acks / --compression, the value size and the partition count)',
    ...r.commands,
    '```',
  ].join('\n');
}
