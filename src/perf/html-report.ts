// --report out.html: one self-contained file (inline CSS, inline SVG charts drawn here, the
// run's data as an inert JSON block; no scripts, no network) with the summary, throughput and
// latency over time, and the latency percentile distribution.
import { fmtCompact, fmtFixed, fmtInt, fmtMs } from './format';
import type { PerfResult, PhaseResult } from './result';
import { escapeXml, lineChart } from './svg-chart';

const COLORS = { throughput: '#2563eb', consume: '#16a34a', p50: '#0891b2', p99: '#d97706', max: '#dc2626', mb: '#7c3aed' };

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:940px;color:#1f2937;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.sub{color:#6b7280;margin:0 0 16px}.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:120px}
.card .v{font-size:20px;font-weight:600}.card .k{color:#6b7280;font-size:12px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #e5e7eb;padding:4px 10px;text-align:right}
th{background:#f9fafb}td:first-child,th:first-child{text-align:left}
.chart{display:block;margin:10px 0;background:#fff}.chart .grid{stroke:#eef0f3}.chart .axis{stroke:#9ca3af}
.chart text{font:11px system-ui,sans-serif;fill:#4b5563}.chart .chart-title{font-size:13px;font-weight:600;fill:#111827}
.chart .axis-label{font-size:11px;fill:#6b7280}.ok{color:#16a34a}.bad{color:#dc2626}.note{color:#6b7280;font-size:12px}
`;

function card(label: string, value: string, cls = ''): string {
  return `<div class="card"><div class="v ${cls}">${escapeXml(value)}</div><div class="k">${escapeXml(label)}</div></div>`;
}

function table(head: string[], rows: string[][]): string {
  return `<table><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Middle of an interval, in seconds. */
const mid = (s: PhaseResult['series'][number]) => (s.tMs - s.durationMs / 2) / 1000;
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function throughputSeries(p: PhaseResult, name: string, color: string, area: boolean) {
  return { name, color, area, points: p.throughput.tMs.map((t, i) => [t / 1000, p.throughput.recordsPerSec[i]] as [number, number]) };
}

function latencyCharts(p: PhaseResult, label: string): string {
  const pts = (f: (l: NonNullable<PhaseResult['series'][number]['latencyMs']>) => number) =>
    p.series.filter((s) => s.latencyMs).map((s) => [mid(s), f(s.latencyMs!)] as [number, number]);
  const overTime = lineChart([
    { name: 'p50', color: COLORS.p50, points: pts((l) => l.p50) },
    { name: 'p99', color: COLORS.p99, points: pts((l) => l.p99) },
    { name: 'max', color: COLORS.max, points: pts((l) => l.max), dashed: true },
  ], { title: `${label} latency over time (per interval)`, xLabel: 'time (s)', yLabel: 'latency (ms)', formatX: (v) => `${v}`, formatY: fmtMs, xMin: 0 });
  // percentile axis: x = log10(1 / (1 - p)), 0 at p0, 1 at p90, 2 at p99 ...
  const dist = p.latencyDistribution.filter(([q]) => q < 100).map(([q, v]) => [Math.log10(100 / (100 - q)), v] as [number, number]);
  const labels: [number, string][] = [[0, 'p0'], [Math.log10(2), 'p50'], [1, 'p90'], [2, 'p99'], [3, 'p99.9'], [4, 'p99.99'], [5, 'p99.999']];
  const distribution = lineChart([{ name: label, color: COLORS.p99, points: dist, area: true }],
    { title: `${label} latency by percentile`, xLabel: 'percentile', yLabel: 'latency (ms)', xTicks: labels, formatY: fmtMs });
  return overTime + distribution;
}

function phaseSection(title: string, p: PhaseResult, verb: string, color: string): string {
  const l = p.latencyMs;
  const kind = p.latencyMeasure.split(':')[0];
  const out: string[] = [`<h2>${escapeXml(title)}</h2>`];
  out.push(`<div class="cards">${[
    card(`records ${verb}`, fmtInt(p.records)), card('records/sec', fmtFixed(p.recordsPerSec, 1)), card('MB/sec', fmtFixed(p.mbPerSec, 2)),
    card('duration', secs(p.durationMs)), card(`${kind} p50 (ms)`, fmtMs(l.p50)), card(`${kind} p99 (ms)`, fmtMs(l.p99)),
    card(`${kind} max (ms)`, fmtMs(l.max)), card('errors', fmtInt(p.errors), p.errors ? 'bad' : 'ok'),
  ].join('')}</div>`);
  out.push(lineChart([throughputSeries(p, `records/sec ${verb}`, color, true)],
    { title: `throughput (records/sec ${verb})`, xLabel: 'time (s)', yLabel: 'records/sec', formatY: fmtCompact, xMin: 0 }));
  out.push(lineChart([{ name: 'MB/sec', color: COLORS.mb, points: p.series.map((s) => [mid(s), s.mbPerSec] as [number, number]) }],
    { title: 'throughput (MB/sec, per interval)', xLabel: 'time (s)', yLabel: 'MB/sec', height: 200, xMin: 0, formatY: (v) => fmtFixed(v, v < 10 ? 1 : 0) }));
  out.push(latencyCharts(p, kind));
  out.push(table(['latency (ms)', 'count', 'min', 'mean', 'p50', 'p95', 'p99', 'p99.9', 'max'],
    [[kind, fmtInt(l.count), fmtMs(l.min), fmtMs(l.mean), fmtMs(l.p50), fmtMs(l.p95), fmtMs(l.p99), fmtMs(l.p999), fmtMs(l.max)]]));
  out.push(`<p class="note">${escapeXml(p.latencyMeasure)}</p>`);
  if (p.errors) out.push(table(['error', 'records'], Object.entries(p.errorsByCode).map(([k, v]) => [k, fmtInt(v)])));
  return out.join('\n');
}

/** The whole report as an HTML string. */
export function writeHtmlReport(r: PerfResult): string {
  const body: string[] = [];
  body.push(`<h1>samsa perf ${escapeXml(r.mode)} — ${escapeXml(r.topic)}</h1>`);
  body.push(`<p class="sub">${escapeXml(r.bootstrap)} · started ${escapeXml(r.startedAt)} · ${fmtInt(r.records)} of ${fmtInt(r.expected)} records${r.complete ? '' : ' (incomplete)'}${r.stoppedBy ? ` · stopped: ${escapeXml(r.stoppedBy)}` : ''}</p>`);
  if (r.mode === 'e2e' && r.produce && r.consume) {
    body.push(`<h2>both sides</h2>`);
    body.push(lineChart([throughputSeries(r.produce, 'sent', COLORS.throughput, false), throughputSeries(r.consume, 'received', COLORS.consume, false)],
      { title: 'throughput (records/sec)', xLabel: 'time (s)', yLabel: 'records/sec', formatY: fmtCompact, xMin: 0 }));
    body.push(phaseSection('end-to-end (consumer)', r.consume, 'received', COLORS.consume));
    body.push(phaseSection('producer', r.produce, 'sent', COLORS.throughput));
  } else {
    body.push(phaseSection(r.mode === 'produce' ? 'producer' : 'consumer', r, r.mode === 'produce' ? 'sent' : 'received', r.mode === 'produce' ? COLORS.throughput : COLORS.consume));
  }
  body.push('<h2>configuration</h2>');
  body.push(table(['setting', 'value'], Object.entries(r.config).map(([k, v]) => [k, String(v)])));
  body.push(table(['counter', 'value'], Object.entries(r.wire).map(([k, v]) => [k, fmtInt(v)])));
  // inert data block: '<' escaped so the JSON cannot end the element
  const data = JSON.stringify(r).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>samsa perf ${escapeXml(r.mode)} ${escapeXml(r.topic)}</title>
<style>${CSS}</style></head>
<body>
${body.join('\n')}
<script type="application/json" id="perf-data">${data}</script>
</body></html>
`;
}
