// kcat 1.7.x (librdkafka) against a samsa broker process: `-P -z <codec> -K '|'` produces keyed
// records, `-C -e -f '%p:%o:%k:%s:%h\n'` reads them back, before and after a SIGTERM restart.
// kcat 1.7 cannot take per-message headers from its input: -H sets the headers of every message
// of one invocation, so each codec's records go in BATCHES invocations with headers
// h=b<invocation>, c=<codec>.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import type { ChildBroker } from '../helpers/child-broker';
import { CODECS, digestLines, expectedRead, firstDifference, keyOf, parseLine, valueOf, type Codec, type Headers } from './records';
import { runTool } from './run-tool';
import { createTopics, expectStoredWith, lz4StoredAs, PARTITIONS, RECORDS, scratchDir, startInteropBroker } from './setup';

const KCAT = 'kcat';
const BATCHES = 10;
const PER_BATCH = RECORDS / BATCHES;
const kcatHeaders = (codec: Codec) => (i: number): Headers => [['h', `b${Math.floor(i / PER_BATCH)}`], ['c', codec]];
const topicOf = (codec: Codec) => `kcat-${codec}`;

describe('interop: kcat', function () {
  this.timeout(600_000);
  let broker: ChildBroker;
  let scratch: string;
  let lz4As: Codec | 'none';
  const produced = new Set<Codec>();

  before(async () => {
    const v = await runTool(KCAT, ['-V'], { timeoutMs: 30_000 }).catch((err) => ({ code: -1, stdout: '', stderr: String(err) }));
    if (v.code !== 0) throw new Error(`kcat is not usable:\n${v.stderr}`);
    scratch = scratchDir('samsa-interop-kcat-');
    broker = await startInteropBroker();
    await createTopics(broker.bootstrap, CODECS.map(topicOf));
    lz4As = await lz4StoredAs(broker.bootstrap, true);
  });
  after(async () => {
    await broker?.cleanup();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Reads the whole topic with kcat and compares it with what was produced. */
  async function readBack(codec: Codec, what: string): Promise<void> {
    const out = path.join(scratch, `${codec}.${what}`);
    const r = await runTool(KCAT, ['-C', '-b', broker.bootstrap, '-t', topicOf(codec), '-o', 'beginning', '-e', '-q',
      '-f', '%p:%o:%k:%s:%h\\n', '-X', 'log_level=3'], { timeoutMs: 300_000, stdoutFile: out });
    expect(r.code, `kcat -C: ${r.stderr}`).to.equal(0);
    const lines = fs.readFileSync(out, 'utf8').split('\n').filter((l) => l);
    // kcat prints partitions interleaved; within one partition offsets must only grow.
    const last = new Map<number, number>();
    let outOfOrder = 0;
    const byPartition: string[][] = Array.from({ length: PARTITIONS }, () => []);
    for (const l of lines) {
      const rec = parseLine(l);
      if ((last.get(rec.partition) ?? -1) >= rec.offset) outOfOrder++;
      last.set(rec.partition, rec.offset);
      byPartition[rec.partition].push(l);
    }
    const sorted = path.join(scratch, `${codec}.${what}.sorted`);
    fs.writeFileSync(sorted, byPartition.flat().map((l) => `${l}\n`).join(''));
    const exp = expectedRead(RECORDS, PARTITIONS, kcatHeaders(codec));
    const got = digestLines(byPartition.flat());
    const diff = got === exp.sha256 ? null : firstDifference(sorted, exp.lines);
    expect(diff, `${topicOf(codec)} ${what}: ${diff}`).to.equal(null);
    expect(got).to.equal(exp.sha256);
    expect(outOfOrder, 'records out of offset order').to.equal(0);
    expect(byPartition.map((l) => l.length)).to.deep.equal(exp.counts);
  }

  for (const codec of CODECS) {
    it(`produces ${RECORDS} keyed records with headers and reads them back exactly (${codec})`, async () => {
      for (let b = 0; b < BATCHES; b++) {
        const input = path.join(scratch, `${codec}.in`);
        const rows: string[] = [];
        for (let i = b * PER_BATCH; i < (b + 1) * PER_BATCH; i++) rows.push(`${keyOf(i)}|${valueOf(i)}\n`);
        fs.writeFileSync(input, rows.join(''));
        const [h, c] = kcatHeaders(codec)(b * PER_BATCH);
        const r = await runTool(KCAT, ['-P', '-b', broker.bootstrap, '-t', topicOf(codec), '-z', codec, '-K', '|',
          '-H', `${h[0]}=${h[1]}`, '-H', `${c[0]}=${c[1]}`, '-X', 'topic.partitioner=murmur2', '-X', 'acks=all',
          '-X', 'log_level=3', '-l', input], { timeoutMs: 120_000 });
        expect(r.code, `kcat -P (invocation ${b}): ${r.stderr}`).to.equal(0);
        expect(r.stderr, `kcat -P (invocation ${b})`).to.not.match(/fail|error/i);
      }
      produced.add(codec);
      await readBack(codec, 'read');
      expectStoredWith(broker.dataDir, topicOf(codec), codec === 'lz4' ? lz4As : codec, RECORDS);
    });
  }

  it('reads the same records back after a broker restart (SIGTERM, same data dir)', async () => {
    expect([...produced], 'the produce tests ran').to.deep.equal([...CODECS]);
    await broker.restart();
    for (const codec of CODECS) await readBack(codec, 'reread');
  });
});
