// Consumer groups with kafkajs against a real samsa broker: shared consumption, a killed
// member's partitions moving, independent groups, committed offsets across restarts.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { ChildBroker } from '../helpers/child-broker';
import { Producer } from '../../src/client/producer';
import { Admin } from '../../src/client/admin';

const MEMBER = path.join(__dirname, 'fixtures', 'kafkajs-group-member.js');

async function produce(bootstrap: string, topic: string, count: number, partitions: number, from = 0): Promise<void> {
  const admin = new Admin({ bootstrap });
  try { await admin.createTopics([{ name: topic, partitions }]); } catch { /* exists */ }
  await admin.close();
  const producer = new Producer({ bootstrap, acks: -1, lingerMs: 5 });
  const sends: Promise<unknown>[] = [];
  for (let i = from; i < from + count; i++) sends.push(producer.send({ topic, partition: i % partitions, key: `k${i}`, value: `v${i}` }));
  await Promise.all(sends);
  await producer.close();
}

interface Member { child: ChildProcess; seen: { p: number; o: number; v: string }[]; ready: Promise<void> }

function member(bootstrap: string, group: string, topic: string): Member {
  const child = spawn(process.execPath, [MEMBER, bootstrap, group, topic], { stdio: ['ignore', 'pipe', 'pipe'] });
  const m: Member = { child, seen: [], ready: Promise.resolve() };
  let buf = '';
  m.ready = new Promise((resolve) => {
    child.stdout!.on('data', (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        if (!l) continue;
        const j = JSON.parse(l);
        if (j.ready) resolve();
        else m.seen.push(j);
      }
    });
  });
  child.stderr!.resume();
  return m;
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function until2(cond: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('e2e: consumer groups with kafkajs', function () {
  this.timeout(120000);
  let broker: TestBroker;
  const children: ChildProcess[] = [];

  before(async () => {
    broker = await startTestBroker({ 'num.io.threads': 2, 'num.network.threads': 2, 'group.initial.rebalance.delay.ms': 0, 'offsets.topic.num.partitions': 10 });
  });
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    await broker?.cleanup();
  });

  it('3 consumers share a 6-partition topic: 60,000 records, each consumed exactly once', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'shared', numPartitions: 6 }] });
    const consumers: Consumer[] = [];
    const seen = new Map<string, number>();
    const byMember: number[] = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
      const c = kafka.consumer({ groupId: 'g-shared', sessionTimeout: 10000, heartbeatInterval: 500 });
      consumers.push(c);
      await c.connect();
      await c.subscribe({ topic: 'shared', fromBeginning: true });
      await c.run({ eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const k = `${batch.partition}:${m.offset}`;
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
        byMember[i] += batch.messages.length;
      } });
    }
    // wait until the group is stable with all three members before producing
    await until2(async () => {
      const d = await admin.describeGroups(['g-shared']);
      return d.groups[0].state === 'Stable' && d.groups[0].members.length === 3;
    }, 30000, 'a stable group of 3');
    await admin.disconnect();
    await produce(broker.bootstrap, 'shared', 60000, 6);
    try {
      await until(() => seen.size >= 60000, 60000, 'all records');
      await new Promise((r) => setTimeout(r, 500));
      expect(seen.size).to.equal(60000);
      expect([...seen.values()].every((n) => n === 1)).to.equal(true);
      expect(byMember.every((n) => n > 0), `records per member ${byMember}`).to.equal(true);
    } finally {
      await Promise.all(consumers.map((c) => c.disconnect()));
    }
  });

  it('a killed consumer\'s partitions move to the others; nothing is missing', async () => {
    await produce(broker.bootstrap, 'killme', 30000, 6);
    const ms = [0, 1, 2].map(() => member(broker.bootstrap, 'g-kill', 'killme'));
    children.push(...ms.map((m) => m.child));
    await Promise.all(ms.map((m) => m.ready));
    await until(() => ms.reduce((s, m) => s + m.seen.length, 0) > 3000, 30000, 'first records');
    ms[0].child.kill('SIGKILL');
    await until(() => new Set(ms.flatMap((m) => m.seen.map((r) => `${r.p}:${r.o}`))).size >= 30000, 60000, 'every record after the kill');
    const all = new Set(ms.flatMap((m) => m.seen.map((r) => r.v)));
    for (let i = 0; i < 30000; i++) expect(all.has(`v${i}`), `v${i}`).to.equal(true);
    for (const m of ms.slice(1)) m.child.kill('SIGTERM');
  });

  it('two groups on the same topic each receive every record', async () => {
    await produce(broker.bootstrap, 'twogroups', 5000, 3);
    const a = member(broker.bootstrap, 'g-a', 'twogroups');
    const b = member(broker.bootstrap, 'g-b', 'twogroups');
    children.push(a.child, b.child);
    await until(() => new Set(a.seen.map((r) => r.v)).size >= 5000 && new Set(b.seen.map((r) => r.v)).size >= 5000, 60000, 'both groups');
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
  });

  it('committed offsets are the same after a broker restart', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'commits', numPartitions: 2 }] });
    await produce(broker.bootstrap, 'commits', 100, 2);
    await admin.setOffsets({ groupId: 'g-commit', topic: 'commits', partitions: [{ partition: 0, offset: '17' }, { partition: 1, offset: '42' }] });
    const before = await admin.fetchOffsets({ groupId: 'g-commit', topics: ['commits'] });
    await admin.disconnect();
    const dir = broker.dataDir;
    await broker.stop();
    broker = await startTestBroker({ 'num.io.threads': 2, 'offsets.topic.num.partitions': 10 }, dir);
    const kafka2 = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin2 = kafka2.admin();
    await admin2.connect();
    const after = await admin2.fetchOffsets({ groupId: 'g-commit', topics: ['commits'] });
    await admin2.disconnect();
    expect(after).to.deep.equal(before);
    expect(after[0].partitions.map((p) => p.offset).sort()).to.deep.equal(['17', '42']);
  });

  it('committed offsets acknowledged before a kill -9 are there after restart', async () => {
    const child = await ChildBroker.start({ overrides: { 'offsets.topic.num.partitions': 5, 'group.initial.rebalance.delay.ms': 0 } });
    try {
      const kafka = new Kafka({ brokers: [child.bootstrap], logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'k9', numPartitions: 3 }] });
      await admin.disconnect();
      // commits through samsa's admin client (kafkajs's setOffsets runs a whole consumer per call)
      const samsaAdmin = new Admin({ bootstrap: child.bootstrap });
      const acked: Record<string, string> = {};
      for (let round = 1; round <= 20; round++) {
        for (const g of ['g1', 'g2', 'g3']) {
          const partitions = [0, 1, 2].map((p) => ({ topic: 'k9', partition: p, offset: round * 10 + p }));
          await samsaAdmin.alterOffsets(g, partitions);
          for (const p of partitions) acked[`${g}:${p.partition}`] = String(p.offset);
        }
      }
      await samsaAdmin.close();
      await child.kill();
      await child.restart();
      const kafka2 = new Kafka({ brokers: [child.bootstrap], logLevel: logLevel.NOTHING });
      const admin2 = kafka2.admin();
      await admin2.connect();
      const got: Record<string, string> = {};
      for (const g of ['g1', 'g2', 'g3']) {
        const [t] = await admin2.fetchOffsets({ groupId: g, topics: ['k9'] });
        for (const p of t.partitions) got[`${g}:${p.partition}`] = p.offset;
      }
      await admin2.disconnect();
      expect(got).to.deep.equal(acked);
    } finally {
      await child.cleanup();
    }
  });
});
