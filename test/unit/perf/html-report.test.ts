import { expect } from 'chai';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeHtmlReport } from '../../../src/perf/html-report';
import { phase, PerfResult } from '../../../src/perf/result';
import { RunStats } from '../../../src/perf/run-stats';
import { decimate, lineChart, niceStep } from '../../../src/perf/svg-chart';

const CHROMIUM = '/usr/bin/chromium';

function sampleResult(mode: 'produce' | 'e2e' = 'produce'): PerfResult {
  const mk = (scale: number) => {
    const s = new RunStats(1000);
    s.start(0);
    for (let t = 100; t <= 12_000; t += 100) {
      s.add(5000 * scale, 500_000 * scale);
      s.latency(1 + (t % 1000) / 100, 5000);
      if (t === 3000) s.error('NOT_LEADER_OR_FOLLOWER', 148);
      s.tick(t);
    }
    return s.finish(12_000);
  };
  const p = phase(mk(1), 'ack: test measure');
  const base: PerfResult = {
    tool: 'samsa perf', mode, topic: 'perf-<topic>', bootstrap: '127.0.0.1:9092', startedAt: '2025-01-01T00:00:00.000Z',
    ...p, expected: p.records, complete: true, stoppedBy: null, config: { acks: 1, recordSize: 100 }, wire: { produceRequests: 42 },
  };
  if (mode === 'e2e') return { ...base, ...phase(mk(1), 'end-to-end: test'), produce: p, consume: phase(mk(1), 'end-to-end: test') };
  return base;
}

function runChromium(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-chromium-'));
    const p = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 90_000);
    p.on('error', reject);
    p.on('close', (code) => { clearTimeout(timer); fs.rmSync(profile, { recursive: true, force: true }); resolve({ code, out, err }); });
  });
}

/** Console messages (errors, uncaught exceptions, warnings) Chromium logged for the page. */
function consoleLines(stderr: string): string[] { return stderr.split('\n').filter((l) => /:CONSOLE(\(\d+\))?:|Uncaught/.test(l)); }

describe('perf/html-report', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-perf-report-')); });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('is one self-contained file: inline CSS and SVG, no scripts, no external resources', () => {
    const html = writeHtmlReport(sampleResult());
    expect(html).to.match(/^<!DOCTYPE html>/);
    expect(html).to.include('<style>');
    expect((html.match(/<svg /g) ?? []).length).to.equal(4); // records/s, MB/s, latency over time, latency by percentile
    expect(html).not.to.match(/<script(?![^>]*type="application\/json")/);
    expect(html).not.to.match(/\b(src|href)\s*=/i);
    expect(html).not.to.match(/url\(|@import/);
    const external = (html.match(/https?:\/\/[^"'\s<]+/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');
    expect(external).to.deep.equal([]);
    expect(html).to.include('perf-&lt;topic&gt;');
    expect(html).not.to.include('perf-<topic>');
  });

  it('embeds the run data (series included) as parseable JSON and draws it', () => {
    const r = sampleResult();
    const html = writeHtmlReport(r);
    const m = /<script type="application\/json" id="perf-data">([\s\S]*?)<\/script>/.exec(html);
    expect(m).to.not.equal(null);
    const data = JSON.parse(m![1]);
    expect(data.series).to.deep.equal(r.series);
    expect(data.throughput.recordsPerSec).to.have.length(r.throughput.recordsPerSec.length);
    expect(data.topic).to.equal('perf-<topic>');
    expect(html).to.include('data-series="records/sec sent"').and.include('data-series="p99"').and.include('data-series="max"');
    expect(html).to.include('NOT_LEADER_OR_FOLLOWER');
    expect(html).to.include('throughput (records/sec sent)').and.include('latency by percentile');
  });

  it('draws both sides of an e2e run', () => {
    const html = writeHtmlReport(sampleResult('e2e'));
    expect(html).to.include('data-series="sent"').and.include('data-series="received"');
    expect(html).to.include('end-to-end (consumer)').and.include('producer');
  });

  it('charts: nice ticks, decimation keeps peaks, empty data says so', () => {
    expect(niceStep(100, 5)).to.equal(20);
    expect(niceStep(7, 5)).to.equal(2);
    const pts: [number, number][] = Array.from({ length: 10_000 }, (_, i) => [i, i === 5555 ? 1e6 : i % 10]);
    const d = decimate(pts, 500);
    expect(d.length).to.be.at.most(500);
    expect(d.some((p) => p[1] === 1e6)).to.equal(true);
    expect(lineChart([{ name: 'x', color: '#000', points: [] }], { title: 't', xLabel: 'x', yLabel: 'y' })).to.include('no data');
  });

  it('renders in headless Chromium without console errors', async function () {
    if (!fs.existsSync(CHROMIUM)) { console.log(`      (skipped: ${CHROMIUM} not found)`); this.skip(); }
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, writeHtmlReport(sampleResult('e2e')));
    const dom = await runChromium(['--dump-dom', `file://${file}`]);
    expect(dom.code, dom.err).to.equal(0);
    expect(consoleLines(dom.err), 'console messages').to.deep.equal([]);
    expect((dom.out.match(/<svg /g) ?? []).length).to.be.at.least(8);
    expect(dom.out).to.include('id="perf-data"');
    const png = path.join(dir, 'report.png');
    const shot = await runChromium(['--window-size=1000,1600', `--screenshot=${png}`, `file://${file}`]);
    expect(shot.code, shot.err).to.equal(0);
    expect(consoleLines(shot.err)).to.deep.equal([]);
    const head = fs.readFileSync(png).subarray(0, 8);
    expect(head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).to.equal(true);
    expect(fs.statSync(png).size).to.be.greaterThan(20_000); // charts drawn, not a blank page
  });

  it('the console check catches a page that logs errors (so a clean run means something)', async function () {
    if (!fs.existsSync(CHROMIUM)) { console.log(`      (skipped: ${CHROMIUM} not found)`); this.skip(); }
    const file = path.join(dir, 'bad.html');
    fs.writeFileSync(file, '<!DOCTYPE html><html><body><script>console.error("broken"); notDefined();</script></body></html>');
    const r = await runChromium(['--dump-dom', `file://${file}`]);
    const lines = consoleLines(r.err);
    expect(lines.some((l) => l.includes('broken'))).to.equal(true);
    expect(lines.some((l) => l.includes('Uncaught ReferenceError'))).to.equal(true);
  });
});
