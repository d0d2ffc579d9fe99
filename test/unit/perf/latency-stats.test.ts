import { expect } from 'chai';
import { LatencyStats } from '../../../src/perf/latency-stats';

describe('perf/latency-stats', () => {
  it('gives percentiles of recorded milliseconds within the histogram precision', () => {
    const l = new LatencyStats();
    for (let ms = 1; ms <= 1000; ms++) l.record(ms);
    const s = l.summary();
    expect(s.count).to.equal(1000);
    expect(s.p50).to.be.closeTo(500, 0.5);
    expect(s.p95).to.be.closeTo(950, 1);
    expect(s.p99).to.be.closeTo(990, 1);
    expect(s.p999).to.be.closeTo(999, 1);
    expect(s.max).to.equal(1000);
    expect(s.min).to.equal(1);
    expect(s.mean).to.be.closeTo(500.5, 0.001);
  });

  it('keeps sub-millisecond resolution and the exact maximum', () => {
    const l = new LatencyStats();
    l.record(0.25, 99);
    l.record(123.4567);
    const s = l.summary();
    expect(s.p50).to.be.closeTo(0.25, 0.001);
    expect(s.max).to.equal(123.457);
    expect(s.p999).to.be.at.most(s.max);
  });

  it('records a batch of n equal latencies as n samples', () => {
    const l = new LatencyStats();
    l.record(10, 900);
    l.record(100, 100);
    expect(l.count).to.equal(1000);
    expect(l.percentileMs(90)).to.be.closeTo(10, 0.01);
    expect(l.percentileMs(95)).to.be.closeTo(100, 0.1);
    expect(l.meanMs).to.be.closeTo(19, 0.001);
  });

  it('merging per-interval histograms equals recording everything in one', () => {
    const single = new LatencyStats();
    const total = new LatencyStats();
    const interval = new LatencyStats();
    let x = 7;
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 500; j++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const ms = (x % 200000) / 100 + i * 3; // 0..2000 ms, drifting up per interval
        single.record(ms);
        interval.record(ms);
      }
      total.add(interval);
      interval.reset();
    }
    expect(interval.count).to.equal(0);
    expect(total.count).to.equal(single.count);
    expect(total.summary()).to.deep.equal(single.summary());
    expect(total.distribution()).to.deep.equal(single.distribution());
  });

  it('summarises an empty histogram as zeros and clamps negative latencies to 0', () => {
    const l = new LatencyStats();
    expect(l.summary()).to.deep.equal({ count: 0, min: 0, mean: 0, p50: 0, p95: 0, p99: 0, p999: 0, max: 0 });
    expect(l.distribution()).to.deep.equal([]);
    l.record(-5);
    expect(l.summary().max).to.equal(0);
    expect(l.count).to.equal(1);
  });

  it('gives a monotonic percentile distribution ending at the maximum', () => {
    const l = new LatencyStats();
    for (let i = 1; i <= 10000; i++) l.record(i / 10);
    const d = l.distribution();
    expect(d[0][0]).to.equal(0);
    expect(d[d.length - 1]).to.deep.equal([100, 1000]);
    for (let i = 1; i < d.length; i++) expect(d[i][1]).to.be.at.least(d[i - 1][1]);
  });
});
