// `samsa perf produce|consume|e2e` as child processes against a real broker: the --json
// counts, the topic's end offsets, errors by code, the HTML report.
import { expect } from 'chai';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Admin } from '../../src/client/admin';
import { Cluster } from '../../src/client/cluster';
import { partitionOffsets } from '../../src/perf/topic-setup';
import { startTestBroker, type TestBroker } from '../helpers/broker';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/samsa.js');

function samsa(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); fail(new Error(`samsa ${args.join(' ')} timed out\n${err}`)); }, timeoutMs);
    p.on('close', (code) => { clearTimeout(timer); done({ code, out, err }); });
  });
}

function json(r: { code: number | null; out: string; err: string }): any {
  const lines = r.out.trim().split('\n');
  expect(lines, `stdout must be one JSON object\n${r.out}\n${r.err}`).to.have.length(1);
  return JSON.parse(lines[0]);
}

describe('e2e: samsa perf', function () {
  this.timeout(180_000);
  let broker: TestBroker;
  let bootstrap = '';
  let dir = '';

  before(async () => {
    broker = await startTestBroker({ 'num.io.threads': 2 });
    bootstrap = broker.bootstrap;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-perf-e2e-'));
  });
  after(async () => {
    await broker?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function endOffsets(topic: string): Promise<number[]> {
    const c = new Cluster({ bootstrap });
    try {
      const t = await c.topic(topic, { refresh: true });
      const m = await partitionOffsets(c, topic, t.partitions.map((p) => p.partition), 'latest');
      return [...m.values()];
    } finally {
      await c.close();
    }
  }

  it('perf produce creates the topic with --partitions and every record lands in it', async () => {
    const report = path.join(dir, 'produce.html');
    const r = await samsa(['perf', 'produce', '--bootstrap-server', bootstrap, '--topic', 'perf-a', '--partitions', '3', '--num-records', '5000',
      '--record-size', '100', '--acks', '1', '--batch-size', '4096', '--json', '--report', report]);
    expect(r.code, r.err).to.equal(0);
    const j = json(r);
    expect(j).to.include({ mode: 'produce', topic: 'perf-a', records: 5000, errors: 0, bytes: 500_000, complete: true });
    expect(j.latencyMs.count).to.equal(5000);
    expect(j.latencyMs.p50).to.be.at.most(j.latencyMs.p99);
    expect(j.config.partitions).to.equal(3);
    const ends = await endOffsets('perf-a');
    expect(ends).to.have.length(3);
    expect(ends.reduce((a, b) => a + b, 0)).to.equal(5000);
    for (const e of ends) expect(e).to.be.greaterThan(0); // spread over the partitions
    const html = fs.readFileSync(report, 'utf8');
    expect(html).to.include('<svg').and.include('id="perf-data"');
    expect(r.err).to.include(`report written to ${report}`);
  });

  it('perf produce with several producers, compression and a throughput limit; text output ends with the chart', async () => {
    const r = await samsa(['perf', 'produce', '--bootstrap-server', bootstrap, '--topic', 'perf-b', '--partitions', '2', '--num-records', '3000',
      '--record-size', '200', '--acks', 'all', '--compression', 'zstd', '--producers', '2', '--throughput', '6000', '--reporting-interval', '200']);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/records sent, [\d,.]+ records\/sec \([\d.]+ MB\/sec\)/); // a progress line
    expect(r.out).to.include('3,000 of 3,000 records sent');
    expect(r.out).to.match(/latency \(ms\): avg [\d.]+ {2}p50 [\d.]+ {2}p95 [\d.]+ {2}p99 [\d.]+ {2}p99\.9 [\d.]+ {2}max [\d.]+/);
    expect(r.out).to.include('errors: none');
    const chart = r.out.trimEnd().split('\n').slice(-4);
    for (const line of chart) expect(line).to.match(/│.*│$/);
    expect((await endOffsets('perf-b')).reduce((a, b) => a + b, 0)).to.equal(3000);
  });

  it('perf consume reads --messages records from the earliest offsets', async () => {
    const r = await samsa(['perf', 'consume', '--bootstrap-server', bootstrap, '--topic', 'perf-a', '--messages', '5000', '--json']);
    expect(r.code, r.err).to.equal(0);
    const j = json(r);
    expect(j).to.include({ mode: 'consume', records: 5000, bytes: 500_000, errors: 0, complete: true, stoppedBy: null });
    expect(j.latencyMs.count).to.equal(5000);
    expect(j.wire.fetchRequests).to.be.greaterThan(0);
  });

  it('perf consume with --group and two consumers shares the partitions', async () => {
    const r = await samsa(['perf', 'consume', '--bootstrap-server', bootstrap, '--topic', 'perf-a', '--messages', '5000', '--group', 'perf-g', '--consumers', '2', '--json']);
    expect(r.code, r.err).to.equal(0);
    const j = json(r);
    expect(j).to.include({ records: 5000, bytes: 500_000, complete: true });
    expect(j.config.group).to.equal('perf-g');
    const admin = new Admin({ bootstrap });
    try {
      const [g] = await admin.describeGroups(['perf-g']);
      expect(g.state).to.be.oneOf(['Empty', 'Dead']); // both members left
    } finally {
      await admin.close();
    }
  });

  it('perf consume asked for more than there is stops after --timeout-ms, reports what it got, exits 1', async () => {
    const r = await samsa(['perf', 'consume', '--bootstrap-server', bootstrap, '--topic', 'perf-b', '--messages', '3500', '--timeout-ms', '1000', '--json']);
    expect(r.code).to.equal(1);
    const j = json(r);
    expect(j).to.include({ records: 3000, expected: 3500, complete: false });
    expect(j.stoppedBy).to.match(/no records for 1000 ms/);
  });

  it('perf e2e measures end-to-end latency for every record', async () => {
    const r = await samsa(['perf', 'e2e', '--bootstrap-server', bootstrap, '--topic', 'perf-e', '--partitions', '2', '--num-records', '4000',
      '--throughput', '4000', '--linger-ms', '0', '--json', '--report', path.join(dir, 'e2e.html')]);
    expect(r.code, r.err).to.equal(0);
    const j = json(r);
    expect(j).to.include({ mode: 'e2e', records: 4000, errors: 0, complete: true });
    expect(j.produce.records).to.equal(4000);
    expect(j.consume.records).to.equal(4000);
    expect(j.latencyMs.count).to.equal(4000);
    expect(j.latencyMs.min).to.be.at.least(0);
    expect(j.latencyMs.max).to.be.below(10_000);
    expect((await endOffsets('perf-e')).reduce((a, b) => a + b, 0)).to.equal(4000);
    expect(fs.readFileSync(path.join(dir, 'e2e.html'), 'utf8')).to.include('data-series="received"');
  });

  it('perf e2e --warmup-records reports the warm-up apart from the measured records', async () => {
    const r = await samsa(['perf', 'e2e', '--bootstrap-server', bootstrap, '--topic', 'perf-w', '--partitions', '2', '--num-records', '3000',
      '--warmup-records', '1000', '--throughput', '6000', '--linger-ms', '0', '--json']);
    expect(r.code, r.err).to.equal(0);
    const j = json(r);
    expect(j).to.include({ mode: 'e2e', expected: 3000, errors: 0, complete: true });
    expect(j.config.warmupRecords).to.equal(1000);
    // the boundary is one batch wide: the side a batch falls on is decided when it is counted
    for (const side of [j.produce, j.consume]) {
      expect(side.warmup.records + side.records).to.equal(3000);
      expect(side.warmup.records).to.be.within(1000, 1200);
      expect(side.warmup.latencyMs.count).to.be.greaterThan(0);
    }
    expect(j.latencyMs.count).to.equal(j.consume.records);
    expect((await endOffsets('perf-w')).reduce((a, b) => a + b, 0)).to.equal(3000);
    const text = await samsa(['perf', 'produce', '--bootstrap-server', bootstrap, '--topic', 'perf-w', '--num-records', '2000',
      '--warmup-records', '500', '--record-size', '50']);
    expect(text.code, text.err).to.equal(0);
    expect(text.out).to.match(/warm-up: [\d,]+ records sent in .*not counted below/);
    expect(text.out).to.match(/of [\d,]+ measured records sent in/);
  });

  it('counts records the broker refuses by Kafka error code name', async () => {
    const admin = new Admin({ bootstrap });
    try {
      await admin.createTopics('perf-small', 1, 1, { 'max.message.bytes': '2000' });
    } finally {
      await admin.close();
    }
    const r = await samsa(['perf', 'produce', '--bootstrap-server', bootstrap, '--topic', 'perf-small', '--num-records', '1000', '--record-size', '100', '--acks', '1', '--json']);
    expect(r.code).to.equal(1);
    const j = json(r);
    expect(j).to.include({ records: 0, errors: 1000 });
    expect(j.errorsByCode).to.deep.equal({ MESSAGE_TOO_LARGE: 1000 });
    expect((await endOffsets('perf-small'))[0]).to.equal(0);
  });

  it('fails with a clear message when no broker answers', async () => {
    const r = await samsa(['perf', 'produce', '--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--num-records', '10', '--record-size', '10']);
    expect(r.code).to.equal(1);
    expect(r.err).to.match(/^samsa: connection to 127\.0\.0\.1:1: /);
  });
});
