// A clean stop: every partition is closed (fsynced, checkpointed) before the clean-shutdown
// marker is written, and a partition that fails to close leaves the marker out (the next start
// recovers). Single-thread layout, so the partition logs are reachable from the test.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { Admin } from '../../../src/client/admin';
import { Producer } from '../../../src/client/producer';
import { CLEAN_SHUTDOWN_FILE } from '../../../src/broker/log-dirs';
import { readCheckpoint } from '../../../src/storage/checkpoint';
import { PartitionLog } from '../../../src/storage/log';
import { readPartition, startTestBroker, tempDir } from '../../helpers/broker';

const PARTITIONS = 6;

async function loaded(dataDir: string) {
  const broker = await startTestBroker({ 'samsa.threading': 'single' }, dataDir);
  const admin = new Admin({ bootstrap: broker.bootstrap });
  await admin.createTopics([{ name: 'cs', partitions: PARTITIONS }]);
  await admin.close();
  const producer = new Producer({ bootstrap: broker.bootstrap, acks: -1, lingerMs: 0 });
  for (let p = 0; p < PARTITIONS; p++) for (let i = 0; i <= p; i++) await producer.send({ topic: 'cs', partition: p, value: `p${p}v${i}` });
  await producer.close();
  return broker;
}

describe('broker clean stop', function () {
  this.timeout(30000);
  let dataDir: string;
  const saved = PartitionLog.prototype.closeAsync;
  const marker = (): string => path.join(dataDir, CLEAN_SHUTDOWN_FILE);

  beforeEach(() => { dataDir = tempDir('samsa-clean-stop-'); });
  afterEach(() => {
    PartitionLog.prototype.closeAsync = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the marker only after every partition closed durably, and the restart needs no recovery', async () => {
    const broker = await loaded(dataDir);
    const closedBeforeMarker: boolean[] = [];
    PartitionLog.prototype.closeAsync = async function (this: PartitionLog) {
      await saved.call(this);
      closedBeforeMarker.push(!fs.existsSync(marker()));
    };
    await broker.stop();
    PartitionLog.prototype.closeAsync = saved;
    expect(closedBeforeMarker.length).to.be.at.least(PARTITIONS);
    expect(closedBeforeMarker.every((x) => x)).to.equal(true);
    expect(fs.existsSync(marker())).to.equal(true);
    for (let p = 0; p < PARTITIONS; p++) expect(readCheckpoint(path.join(dataDir, `cs-${p}`))).to.deep.equal({ recoveryPoint: p + 1, logStartOffset: 0 });

    const again = await startTestBroker({ 'samsa.threading': 'single' }, dataDir);
    try {
      expect(fs.existsSync(marker())).to.equal(false); // consumed at start
      const got = await readPartition(again.bootstrap, 'cs', PARTITIONS - 1, 0, PARTITIONS);
      expect(got.map((r) => String(r.value))).to.deep.equal(Array.from({ length: PARTITIONS }, (_, i) => `p${PARTITIONS - 1}v${i}`));
    } finally {
      await again.stop();
    }
  });

  it('writes no marker when a partition fails to close', async () => {
    const broker = await loaded(dataDir);
    PartitionLog.prototype.closeAsync = async function (this: PartitionLog) {
      await saved.call(this);
      if (this.dir.endsWith(`cs-2`)) throw new Error('simulated fsync failure');
    };
    await broker.stop();
    PartitionLog.prototype.closeAsync = saved;
    expect(fs.existsSync(marker())).to.equal(false);
    const again = await startTestBroker({ 'samsa.threading': 'single' }, dataDir);
    try {
      const got = await readPartition(again.bootstrap, 'cs', 2, 0, 3);
      expect(got.map((r) => String(r.value))).to.deep.equal(['p2v0', 'p2v1', 'p2v2']);
    } finally {
      await again.stop();
    }
  });
});
