import { expect } from 'chai';
import { PassThrough } from 'stream';
import { main } from '../../../src/cli/main';
import { UsageError } from '../../../src/cli/options';
import { parseAcks, parseConsumeOptions, parseE2eOptions, parseProduceOptions, parseThroughput } from '../../../src/perf/options';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => { o += d; });
  err.on('data', (d) => { e += d; });
  const code = await main(args, { stdin: new PassThrough(), stdout: out, stderr: err });
  return { code, out: o, err: e };
}

const base = { bootstrapServer: '127.0.0.1:9092', topic: 'perf-t', numRecords: '1000', recordSize: '100' };

describe('perf/options', () => {
  it('parses produce options with Kafka-like defaults', () => {
    const o = parseProduceOptions({ ...base });
    expect(o).to.include({
      bootstrap: '127.0.0.1:9092', topic: 'perf-t', numRecords: 1000, recordSize: 100, throughput: -1, acks: -1,
      compression: 'none', codec: 0, batchSize: 16384, lingerMs: 5, producers: 1, maxInFlight: 5, json: false, report: null,
      reportingIntervalMs: 5000,
    });
    expect(o.partitions).to.equal(undefined);
    const p = parseProduceOptions({ ...base, throughput: '2500.5', acks: 'all', compression: 'ZSTD', producers: '4', partitions: '8', json: true });
    expect(p).to.include({ throughput: 2500.5, acks: -1, compression: 'zstd', codec: 4, producers: 4, partitions: 8, json: true });
  });

  it('parses consume and e2e options', () => {
    const c = parseConsumeOptions({ bootstrapServer: 'h:1', topic: 't', messages: '50', group: 'g', consumers: '3' });
    expect(c).to.include({ messages: 50, group: 'g', consumers: 3, timeoutMs: 10_000, fetchMaxWaitMs: 500 });
    expect(parseConsumeOptions({ bootstrapServer: 'h:1', topic: 't', messages: '5' }).group).to.equal(null);
    expect(parseProduceOptions({ ...base }).warmupRecords).to.equal(0);
    expect(parseE2eOptions({ bootstrapServer: 'h:1', topic: 't', numRecords: '10', warmupRecords: '4' }).warmupRecords).to.equal(4);
    const e = parseE2eOptions({ bootstrapServer: 'h:1', topic: 't', numRecords: '10' });
    expect(e).to.include({ throughput: 10_000, recordSize: 100, numRecords: 10, group: null, consumers: 1 });
  });

  const bad: [Record<string, string | boolean>, RegExp][] = [
    [{ recordSize: 'abc' }, /Invalid value 'abc' for --record-size: expected an integer/],
    [{ recordSize: '-1' }, /--record-size: must be between 0 and/],
    [{ numRecords: '0' }, /--num-records: must be between 1 and/],
    [{ numRecords: '1.5' }, /--num-records: expected an integer/],
    [{ throughput: '0' }, /--throughput: must be positive, or -1 for unlimited/],
    [{ throughput: 'fast' }, /--throughput: expected records per second/],
    [{ acks: '2' }, /Invalid value '2' for --acks: expected 0, 1 or all/],
    [{ compression: 'brotli' }, /--compression: expected one of none, gzip, snappy, lz4, zstd/],
    [{ bootstrapServer: 'nohostport' }, /--bootstrap-server: invalid bootstrap server 'nohostport'/],
    [{ bootstrapServer: 'h:99999' }, /--bootstrap-server: invalid port/],
    [{ topic: 'bad topic!' }, /--topic: topic names use letters/],
    [{ producers: '0' }, /--producers: must be between 1 and 256/],
    [{ producers: '5', numRecords: '2' }, /--producers 5 is more than --num-records 2/],
    [{ batchSize: 'x' }, /--batch-size: expected an integer/],
    [{ warmupRecords: '1000' }, /--warmup-records: must be less than --num-records \(1000\)/],
    [{ warmupRecords: '-1' }, /--warmup-records: must be between 0/],
    [{ lingerMs: '-3' }, /--linger-ms: must be between 0/],
    [{ maxInFlight: '0' }, /--max-in-flight: must be between 1/],
    [{ report: '/nonexistent-dir-xyz/r.html' }, /--report: directory \/nonexistent-dir-xyz does not exist/],
  ];
  for (const [patch, msg] of bad) {
    it(`rejects ${JSON.stringify(patch)}`, () => {
      expect(() => parseProduceOptions({ ...base, ...patch })).to.throw(UsageError, msg);
    });
  }

  it('names missing required options', () => {
    expect(() => parseProduceOptions({ topic: 't', numRecords: '1', recordSize: '1' })).to.throw(UsageError, 'Missing required option --bootstrap-server');
    expect(() => parseProduceOptions({ bootstrapServer: 'h:1', numRecords: '1', recordSize: '1' })).to.throw(UsageError, 'Missing required option --topic');
    expect(() => parseProduceOptions({ bootstrapServer: 'h:1', topic: 't', recordSize: '1' })).to.throw(UsageError, 'Missing required option --num-records');
    expect(() => parseProduceOptions({ bootstrapServer: 'h:1', topic: 't', numRecords: '1' })).to.throw(UsageError, 'Missing required option --record-size');
    expect(() => parseConsumeOptions({ bootstrapServer: 'h:1', topic: 't' })).to.throw(UsageError, 'Missing required option --messages');
    expect(() => parseConsumeOptions({ bootstrapServer: 'h:1', topic: 't', messages: '1', consumers: 'many' })).to.throw(UsageError, /--consumers: expected an integer/);
  });

  it('accepts the spellings of acks and unlimited throughput', () => {
    expect(parseAcks('0')).to.equal(0);
    expect(parseAcks('1')).to.equal(1);
    expect(parseAcks('-1')).to.equal(-1);
    expect(parseAcks('ALL')).to.equal(-1);
    expect(parseThroughput('-1', 5)).to.equal(-1);
    expect(parseThroughput(undefined, 5)).to.equal(5);
    expect(parseThroughput('1e5', 5)).to.equal(100000);
  });

  it('reports bad values from the command line with exit code 1 before connecting anywhere', async () => {
    const r = await run(['perf', 'produce', '--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--num-records', '10', '--record-size', 'ten']);
    expect(r.code).to.equal(1);
    expect(r.err).to.equal("samsa: Invalid value 'ten' for --record-size: expected an integer\n");
    const c = await run(['perf', 'consume', '--bootstrap-server', '127.0.0.1:1', '--topic', 't']);
    expect(c.code).to.equal(1);
    expect(c.err).to.include('Missing required option --messages');
    const e = await run(['perf', 'e2e', '--bootstrap-server', '127.0.0.1:1', '--topic', 't', '--num-records', '10', '--acks', 'some']);
    expect(e.code).to.equal(1);
    expect(e.err).to.include("Invalid value 'some' for --acks");
    const u = await run(['perf', 'produce', '--frobnicate']);
    expect(u.code).to.equal(1);
    expect(u.err).to.include("unknown option '--frobnicate'");
  });

  it('lists the perf commands and their options in --help', async () => {
    const h = await run(['perf', '--help']);
    expect(h.code).to.equal(0);
    expect(h.out).to.include('produce').and.include('consume').and.include('e2e');
    const p = await run(['perf', 'produce', '--help']);
    expect(p.out).to.include('--num-records').and.include('--throughput').and.include('--report');
  });
});
