// The summary at the top of bench/RESULTS.md: every target with the measured figure, and the
// headline ratios.
import type { LatencyOptions } from './latency';
import { headlineRows, kcatNet } from './matrix-report';
import type { MatrixOptions } from './matrix';
import { fmt2, fmtInt, sizeName } from './measure';
import { median, writeGenerated } from './report';
import type { Results } from './run';

const status = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : '**short**');

export function summaryMarkdown(r: Results, o: { matrix: MatrixOptions; latency: LatencyOptions }): string {
  const rows: string[] = ['| target | goal | measured | |', '|---|---|---|---|'];
  const GEN = { kcat: 'kcat', perf: 'samsa perf' } as const;
  const heads = r.matrix ? headlineRows(r.matrix, o.matrix) : [];
  for (const h of heads.filter((x) => x.size === 100)) {
    const ratio = h.samsa.rate / h.sink.rate;
    rows.push(`| ingest, 100 B, acks=1, 8 partitions, ${GEN[h.gen]} | ≥ 0.8 × null sink | ${fmt2(ratio)} × (${fmtInt(h.samsa.rate)} vs ${fmtInt(h.sink.rate)} rec/s) | ${status(Number.isFinite(ratio) ? ratio >= 0.8 : undefined)} |`);
  }
  for (const h of heads.filter((x) => x.size === 100)) {
    if (h.gen === 'kcat') {
      const net = kcatNet(r.matrix!, o.matrix.headlineRecords.kcat[100], h.consume.rate);
      rows.push(`| consume, 100 B, 8 partitions, kcat (spawn to exit; beyond start-up) | ≥ 1,000,000 rec/s | ${fmtInt(h.consume.rate)} rec/s; ${fmtInt(net)} rec/s beyond start-up | ${status(Number.isFinite(net) ? net >= 1e6 : undefined)} |`);
    } else {
      rows.push(`| consume, 100 B, 8 partitions, ${GEN[h.gen]} | ≥ 1,000,000 rec/s | ${fmtInt(h.consume.rate)} rec/s | ${status(Number.isFinite(h.consume.rate) ? h.consume.rate >= 1e6 : undefined)} |`);
    }
  }
  for (const x of r.latency?.rows.filter((y) => y.rate === 50_000) ?? []) {
    const p99 = x.e2e?.p99 ?? NaN;
    rows.push(`| end-to-end p99 at 50,000 rec/s, ${x.layout}, linger.ms=${x.linger} | ≤ 5 ms | ${fmt2(p99)} ms (p50 ${fmt2(x.e2e?.p50 ?? NaN)} ms; other load ${fmt2(x.otherCores)} cores) | ${status(Number.isFinite(p99) ? p99 <= 5 : undefined)} |`);
  }
  const conn = r.connections?.rows.find((x) => x.target !== 'null sink');
  const sinkConn = r.connections?.rows.find((x) => x.target === 'null sink');
  if (conn) {
    const kib = (x: typeof conn) => (x.rssWith - x.rssBefore) / Math.max(1, x.answered) / 1024;
    rows.push(`| memory per idle connection (${fmtInt(conn.answered)} open${conn.failed ? `, ${conn.failed} failed` : ''}) | ≤ 20 KiB | ${kib(conn).toFixed(1)} KiB${sinkConn ? ` (null sink: ${kib(sinkConn).toFixed(1)} KiB)` : ''}; ` +
      `active producer p99 ${fmt2(conn.without.latency?.p99 ?? NaN)} → ${fmt2(conn.with.latency?.p99 ?? NaN)} ms with them open | ${status(conn.failed === 0 ? kib(conn) <= 20 : false)} |`);
  }
  const p = r.partitions;
  if (p) {
    for (const kind of ['clean (SIGTERM)', 'after SIGKILL (recovery)'] as const) {
      const xs = p.restarts.filter((x) => x.kind === kind).map((x) => x.offsetsMs);
      const m = median(xs);
      const fb = p.fallback?.restarts.filter((x) => x.kind === kind).map((x) => x.offsetsMs) ?? [];
      const why = p.error ? (/EMFILE/.test(p.error) ? 'EMFILE (too many open files) during start-up' : p.error.slice(0, 160)) : '';
      const failed = !Number.isFinite(m) && p.error ? ` FAILED: ${why}${fb.length ? `; with ${(p.fallback!.topics * 100).toLocaleString('en-US')} partitions: ${(median(fb) / 1000).toFixed(2)} s` : ''}` : '';
      rows.push(`| restart with ${(p.topics * 100).toLocaleString('en-US')} partitions, ${kind}, spawn → every partition serves | ≤ 5 s | ${Number.isFinite(m) ? `${(m / 1000).toFixed(2)} s` : 'n/a'}${xs.length > 1 ? ` (median of ${xs.length}: ${xs.map((x) => (x / 1000).toFixed(2)).join(', ')})` : ''}${failed} | ${status(Number.isFinite(m) ? m <= 5000 : p.error ? false : undefined)} |`);
    }
    rows.push(`| broker RSS with 10,000 partitions | (report) | ${(p.rssLoaded / 2 ** 20).toFixed(0)} MiB | |`);
  }
  const emb = r.embedded?.rows;
  if (emb?.length) rows.push(`| embedded start-to-ready | (report) | ${emb.map((x) => `${x.name}: ${x.median.toFixed(1)} ms`).join('; ')} | |`);
  const lines = [rows.join('\n')];
  if (heads.length) {
    lines.push('', 'Headline ratios (samsa ÷ null sink, medians; acks=1, no compression, 8 partitions): ' +
      heads.map((h) => `${sizeName(h.size)} with ${GEN[h.gen]} ${fmt2(h.samsa.rate / h.sink.rate)} × (${fmtInt(h.samsa.rate)} rec/s)`).join('; ') + '.');
  }
  if (r.errors.size) lines.push('', `Sections that failed: ${[...r.errors.keys()].join(', ')} (details in their sections).`);
  return lines.join('\n');
}

export function writeResults(file: string, generated: string): void {
  writeGenerated(file, generated);
}
