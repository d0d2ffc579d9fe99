// The interop suite for a Python client script (kafka_python_client.py, confluent_client.py):
// 100,000 keyed records with headers per compression, read back exactly; read back again after
// a SIGTERM restart; and acknowledged records surviving a SIGKILL in the middle of production.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import type { ChildBroker } from '../helpers/child-broker';
import { checkAfterKill } from './kill-check';
import { CODECS, expectedRead, headersOf, type Codec, type Expected } from './records';
import { PYTHON, runPy, runTool, StreamingProducer } from './run-tool';
import { createTopics, expectSameRead, expectStoredWith, lz4StoredAs, PARTITIONS, RECORDS, scratchDir, startInteropBroker, type ReadSummary } from './setup';

const KILLS = 3;
const ACKS_BETWEEN_KILLS = 20_000;

export interface PythonClient {
  /** describe() title */
  name: string;
  /** script under test/interop/py */
  script: string;
  /** topic name prefix */
  prefix: string;
  /** python that fails unless the client and all four codecs are usable */
  probe: string;
  /** codec of the kill -9 test's topic */
  killCodec: Codec;
  /** built on librdkafka (see lz4StoredAs) */
  librdkafka?: boolean;
}

export function describePythonClient(client: PythonClient): void {
  describe(`interop: ${client.name}`, function () {
    this.timeout(600_000);
    let scratch: string;

    before(async () => {
      const r = await runTool(PYTHON, ['-c', client.probe], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`${client.name} is not usable from ${PYTHON}:\n${r.stderr}`);
      scratch = scratchDir(`samsa-interop-${client.prefix}-`);
    });
    after(() => { if (scratch) fs.rmSync(scratch, { recursive: true, force: true }); });

    const consume = async (broker: ChildBroker, topic: string, dump: string): Promise<ReadSummary> =>
      runPy(client.script, ['consume', '--bootstrap', broker.bootstrap, '--topic', topic, '--partitions', String(PARTITIONS), '--dump', dump]);

    describe('100,000 keyed records with headers per compression', () => {
      let broker: ChildBroker;
      let lz4As: Codec | 'none';
      const expected = new Map<Codec, Expected>();
      const topic = (codec: Codec) => `${client.prefix}-${codec}`;

      before(async () => {
        broker = await startInteropBroker();
        await createTopics(broker.bootstrap, CODECS.map(topic));
        lz4As = await lz4StoredAs(broker.bootstrap, client.librdkafka ?? false);
      });
      after(async () => { await broker?.cleanup(); });

      for (const codec of CODECS) {
        it(`produces and reads back exactly (${codec})`, async () => {
          const exp = expectedRead(RECORDS, PARTITIONS, (i) => headersOf(i, codec));
          expected.set(codec, exp);
          const sent = await runPy(client.script, ['produce', '--bootstrap', broker.bootstrap, '--topic', topic(codec), '--codec', codec, '--count', String(RECORDS)]);
          expect({ acked: sent.acked, errors: sent.errors, errorKinds: sent.errorKinds }).to.deep.equal({ acked: RECORDS, errors: 0, errorKinds: {} });
          expect(sent.ackSha256, 'acknowledged partitions and offsets').to.equal(exp.ackSha256);
          const dump = path.join(scratch, `${codec}.read`);
          expectSameRead(await consume(broker, topic(codec), dump), exp, dump, `${topic(codec)} read`);
          expectStoredWith(broker.dataDir, topic(codec), codec === 'lz4' ? lz4As : codec, RECORDS);
        });
      }

      it('reads the same records back after a broker restart (SIGTERM, same data dir)', async () => {
        expect([...expected.keys()], 'the produce tests ran').to.deep.equal([...CODECS]);
        await broker.restart();
        for (const codec of CODECS) {
          const dump = path.join(scratch, `${codec}.reread`);
          expectSameRead(await consume(broker, topic(codec), dump), expected.get(codec)!, dump, `${topic(codec)} after restart`);
        }
      });
    });

    describe('kill -9 during production', () => {
      let broker: ChildBroker | undefined;
      let producer: StreamingProducer | undefined;
      after(async () => {
        await producer?.kill();
        await broker?.cleanup();
      });

      it(`keeps every acknowledged record at its acknowledged offset over ${KILLS} kills (acks=all, ${client.killCodec})`, async () => {
        const codec = client.killCodec;
        const topicName = `${client.prefix}-kill`;
        broker = await startInteropBroker();
        await createTopics(broker.bootstrap, [topicName]);
        const ackFile = path.join(scratch, 'kill.acks');
        producer = new StreamingProducer(client.script, ['--bootstrap', broker.bootstrap, '--topic', topicName, '--codec', codec, '--ack-file', ackFile]);
        const ackedAtKill: number[] = [];
        for (let k = 0; k < KILLS; k++) {
          // between kills the producer (re)connects to the broker on the same port and carries on
          await producer.waitForAcks((ackedAtKill[k - 1] ?? 0) + ACKS_BETWEEN_KILLS, 120_000);
          expect(producer.running, 'producer still streaming at the kill').to.equal(true);
          await broker.kill();
          ackedAtKill.push(producer.acked);
          await broker.restart({ samePort: true });
        }
        await producer.waitForAcks(ackedAtKill[KILLS - 1] + ACKS_BETWEEN_KILLS, 120_000);
        const res = await producer.stop();
        producer = undefined;
        const dump = path.join(scratch, 'kill.read');
        const read: ReadSummary = await consume(broker, topicName, dump);
        expect(read.timedOut, 'reader timed out').to.equal(false);
        expect(read.outOfOrder, 'records out of offset order').to.equal(0);
        const check = checkAfterKill(ackFile, dump, codec, PARTITIONS);
        expect(check.problems, `after kill -9: ${check.problems.join('\n')}`).to.deep.equal([]);
        expect(check.acked).to.equal(res.acked);
        expect(check.stored).to.be.at.least(check.acked);
        // a clean stop (SIGTERM) and start again keeps exactly what recovery left
        await broker.restart();
        const again = path.join(scratch, 'kill.reread');
        await consume(broker, topicName, again);
        expect(fs.readFileSync(again, 'utf8') === fs.readFileSync(dump, 'utf8'), 'same records after a clean restart').to.equal(true);
        console.log(`      ${client.name}: ${res.sent} sent, kills at ${ackedAtKill.join(', ')} acknowledged, ${res.acked} acknowledged in all, ` +
          `${res.errors} failed, ${check.stored} stored`);
      });
    });
  });
}
