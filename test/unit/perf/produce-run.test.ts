// The perf producer against bench/null-sink.ts in this process: every record reaches the sink.
import { expect } from 'chai';
import { PassThrough } from 'stream';
import { startNullSink, NullSink } from '../../../bench/null-sink';
import { parseProduceOptions } from '../../../src/perf/options';
import { runProducePerf } from '../../../src/perf/produce-run';
import type { PerfResult } from '../../../src/perf/result';

async function produce(sink: NullSink, args: Record<string, string | boolean>): Promise<{ code: number; result: PerfResult; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => { o += d; });
  err.on('data', (d) => { e += d; });
  const opts = parseProduceOptions({ bootstrapServer: `${sink.host}:${sink.port}`, topic: 'perf', recordSize: '100', json: true, ...args });
  const code = await runProducePerf(opts, { stdout: out, stderr: err });
  return { code, result: JSON.parse(o), err: e };
}

describe('perf/produce-run (against the null sink)', function () {
  this.timeout(60_000);
  let sink: NullSink;
  beforeEach(async () => { sink = await startNullSink({ partitions: 8 }); });
  afterEach(async () => { await sink.stop(); });

  it('sends exactly --num-records records, all acknowledged, latency recorded once per record', async () => {
    const { code, result } = await produce(sink, { numRecords: '50000', acks: '1' });
    expect(code).to.equal(0);
    expect(result).to.include({ mode: 'produce', records: 50000, errors: 0, expected: 50000, complete: true, bytes: 5_000_000 });
    expect(result.latencyMs.count).to.equal(50000);
    expect(result.recordsPerSec).to.be.greaterThan(0);
    const st = sink.stats();
    expect(st.records).to.equal(50000);
    expect(st.connections).to.equal(2); // bootstrap/metadata + one producer connection
    expect(result.wire.produceRequests).to.equal(st.produceRequests);
    // one batch per partition per request: 8 partitions, full batches
    expect(st.batches).to.equal(Math.ceil(50000 / (result.config.recordsPerBatch as number)));
  });

  it('splits the records over several producers, with acks=0 and compression', async () => {
    const { code, result } = await produce(sink, { numRecords: '30001', acks: '0', compression: 'lz4', producers: '3' });
    expect(code).to.equal(0);
    expect(result.records).to.equal(30001);
    // acks=0: the sink answers nothing; wait for it to read what was written
    for (let i = 0; i < 100 && sink.stats().records < 30001; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sink.stats().records).to.equal(30001);
    expect(sink.stats().connections).to.equal(4);
  });

  it('keeps to --throughput', async () => {
    const { code, result } = await produce(sink, { numRecords: '3000', throughput: '10000', lingerMs: '0' });
    expect(code).to.equal(0);
    expect(result.records).to.equal(3000);
    expect(sink.stats().records).to.equal(3000);
    // record 2999 is due 299.9 ms after the start
    expect(result.durationMs).to.be.at.least(299);
  });
});
