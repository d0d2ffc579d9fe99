import { expect } from 'chai';
import { barChart, resample, sparkline } from '../../../src/perf/text-chart';
import { summaryLines, throughputChart } from '../../../src/perf/text-output';
import { RunStats } from '../../../src/perf/run-stats';
import { phase, PerfResult } from '../../../src/perf/result';

describe('perf/text-chart', () => {
  it('draws a sparkline scaled to the maximum', () => {
    expect(sparkline([0, 1, 2, 4, 8])).to.equal(' ▁▂▄█');
    expect(sparkline([])).to.equal('');
  });

  it('resamples long series to the column count by bucket means, and stretches short ones', () => {
    const t = Array.from({ length: 600 }, (_, i) => (i + 1) * 100);
    const v = t.map((x) => (x <= 30_000 ? 10 : 20));
    const r = resample(t, v, 60);
    expect(r).to.have.length(60);
    expect(r[0]).to.equal(10);
    expect(r[59]).to.equal(20);
    expect(resample([100, 200, 300], [1, 2, 3], 60)).to.have.length(60);
    expect(resample([], [], 60)).to.deep.equal([]);
  });

  it('stacks bar rows: a full column is all full blocks, half height fills the lower rows', () => {
    const rows = barChart([8, 4, 0, 1], 4, 8);
    expect(rows).to.have.length(4);
    expect(rows.map((r) => r[0]).join('')).to.equal('████');
    expect(rows.map((r) => r[1]).join('')).to.equal('  ██');
    expect(rows.map((r) => r[2]).join('')).to.equal('    ');
    expect(rows[3][3]).to.equal('▄');
  });

  it('ends the summary with a chart about 60 columns wide', () => {
    const s = new RunStats();
    s.start(0);
    for (let t = 100; t <= 20_000; t += 100) { s.add(t < 10_000 ? 1000 : 2000, 100_000); s.latency(1, 10); s.tick(t); }
    const totals = s.finish(20_000);
    const r: PerfResult = {
      tool: 'samsa perf', mode: 'produce', topic: 't', bootstrap: 'h:1', startedAt: '', ...phase(totals, 'ack: test'),
      expected: totals.records, complete: true, stoppedBy: null, config: {}, wire: {},
    };
    const chart = throughputChart(r, 'records/sec sent');
    expect(chart[0]).to.match(/^records\/sec sent, 0 → 20\.0 s/);
    const body = chart.slice(1);
    expect(body).to.have.length(4);
    for (const line of body) expect([...line.split('│')[1]]).to.have.length(60);
    expect(body[0]).to.match(/^\s+20k │/);
    const lines = summaryLines(r);
    expect(lines.join('\n')).to.include('records/sec').and.include('p99.9').and.include('errors: none');
    expect(lines[lines.length - 1]).to.equal(body[3]);
  });
});
