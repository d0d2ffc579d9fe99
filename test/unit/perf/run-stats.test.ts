import { expect } from 'chai';
import { phase, PerfResult } from '../../../src/perf/result';
import { RunStats, MIB } from '../../../src/perf/run-stats';

describe('perf/run-stats', () => {
  it('builds per-interval points, each with its own latency percentiles, and totals merged from them', () => {
    const s = new RunStats(1000);
    const t0 = 1_000_000;
    s.start(t0);
    // second 1: 1000 records at 2 ms; second 2: 3000 records at 20 ms
    s.add(1000, 1000 * 100);
    s.latency(2, 1000);
    for (let t = 100; t <= 1000; t += 100) s.tick(t0 + t);
    s.add(3000, 3000 * 100);
    s.latency(20, 3000);
    for (let t = 1100; t <= 2000; t += 100) s.tick(t0 + t);
    const r = s.finish(t0 + 2000);
    expect(r.series).to.have.length(2);
    expect(r.series[0]).to.include({ tMs: 1000, records: 1000, recordsPerSec: 1000, errors: 0 });
    expect(r.series[0].latencyMs!.p99).to.be.closeTo(2, 0.01);
    expect(r.series[1]).to.include({ tMs: 2000, records: 3000, recordsPerSec: 3000 });
    expect(r.series[1].latencyMs!.p50).to.be.closeTo(20, 0.02);
    expect(r.records).to.equal(4000);
    expect(r.recordsPerSec).to.equal(2000);
    expect(r.mbPerSec).to.be.closeTo((4000 * 100) / MIB / 2, 0.001);
    expect(r.latencyMs.count).to.equal(4000);
    expect(r.latencyMs.p50).to.be.closeTo(20, 0.02);
    expect(r.latencyMs.p95).to.be.closeTo(20, 0.02);
    expect(r.latencyMs.max).to.equal(20);
    expect(r.throughput.tMs).to.have.length(20);
    expect(r.throughput.recordsPerSec[0]).to.equal(10_000); // all 1000 records within the first 100 ms tick
  });

  it('counts errors by code name and reports them per window', () => {
    const s = new RunStats();
    s.start(0);
    s.error('NOT_LEADER_OR_FOLLOWER', 148);
    s.error('NETWORK_EXCEPTION', 10);
    s.error('NOT_LEADER_OR_FOLLOWER', 2);
    s.add(50, 5000);
    s.latency(3, 50);
    const w = s.takeWindow(5000);
    expect(w).to.include({ records: 50, errors: 160, totalRecords: 50, latencyCount: 50 });
    expect(w.recordsPerSec).to.equal(10);
    expect(w.latencyMeanMs).to.equal(3);
    const w2 = s.takeWindow(10000);
    expect(w2).to.include({ records: 0, errors: 0, latencyCount: 0, totalRecords: 50 });
    const r = s.finish(10000);
    expect(r.errors).to.equal(160);
    expect(r.errorsByCode).to.deep.equal({ NOT_LEADER_OR_FOLLOWER: 150, NETWORK_EXCEPTION: 10 });
  });

  it('folds a sliver at the end of the run into the previous throughput point', () => {
    const s = new RunStats();
    s.start(0);
    s.add(100, 0);
    s.tick(100);
    s.add(100, 0);
    s.tick(200);
    s.add(10, 0);
    const r = s.finish(205);
    expect(r.throughput.tMs).to.deep.equal([100, 205]);
    expect(r.throughput.recordsPerSec[1]).to.be.closeTo((110 * 1000) / 105, 0.1);
  });

  it('keeps the warm-up records apart: the measured run starts when the warm-up count is reached', () => {
    const s = new RunStats(1000, 500);
    s.start(0);
    expect(s.inWarmup).to.equal(true);
    s.latency(80, 300); // a cold start: slow records
    s.add(300, 300 * 100, 600);
    s.latency(40, 200);
    s.add(200, 200 * 100, 1000); // reaches 500: the warm-up ends at t = 1000
    expect(s.inWarmup).to.equal(false);
    s.tick(1100);
    s.add(1000, 1000 * 100, 1500);
    s.latency(2, 1000);
    const r = s.finish(2000);
    expect(r.warmup).to.deep.include({ records: 500, durationMs: 1000, recordsPerSec: 500 });
    expect(r.warmup!.latencyMs).to.include({ count: 500, max: 80 });
    expect(r.records, 'measured records').to.equal(1000);
    expect(r.bytes).to.equal(1000 * 100);
    expect(r.durationMs, 'measured from the end of the warm-up').to.equal(1000);
    expect(r.recordsPerSec).to.equal(1000);
    expect(r.latencyMs).to.include({ count: 1000, max: 2 });
    expect(r.throughput.tMs[0], 'series restart at the end of the warm-up').to.equal(100);
  });

  it('a run that ends inside its warm-up reports it all as warm-up; no warm-up, no warmup field', () => {
    const s = new RunStats(1000, 500);
    s.start(0);
    s.add(100, 0, 10);
    s.latency(5, 100);
    const r = s.finish(20);
    expect(r.warmup).to.include({ records: 100 });
    expect(r.records).to.equal(0);
    expect(r.latencyMs.count).to.equal(0);
    const plain = new RunStats();
    plain.start(0);
    plain.add(1, 0, 1);
    expect(plain.finish(2)).to.not.have.property('warmup');
  });

  it('--json result has the documented shape', () => {
    const s = new RunStats();
    s.start(0);
    s.add(10, 1000);
    s.latency(1.5, 10);
    const t = s.finish(1000);
    const result: PerfResult = {
      tool: 'samsa perf', mode: 'produce', topic: 't', bootstrap: 'h:1', startedAt: new Date(0).toISOString(),
      ...phase(t, 'ack'), expected: 10, complete: true, stoppedBy: null, config: { acks: 1 }, wire: { produceRequests: 1 },
    };
    const j = JSON.parse(JSON.stringify(result));
    for (const k of ['recordsPerSec', 'mbPerSec', 'records', 'errors', 'durationMs', 'bytes']) expect(j[k], k).to.be.a('number');
    expect(j.errorsByCode).to.deep.equal({});
    expect(j.latencyMs).to.have.all.keys('count', 'min', 'mean', 'p50', 'p95', 'p99', 'p999', 'max');
    for (const v of Object.values(j.latencyMs)) expect(v).to.be.a('number');
    expect(j.series[0]).to.have.all.keys('tMs', 'durationMs', 'records', 'recordsPerSec', 'mbPerSec', 'errors', 'latencyMs');
    expect(j.throughput.tMs).to.be.an('array');
    expect(j.records).to.equal(10);
    expect(j.recordsPerSec).to.equal(10);
  });
});
