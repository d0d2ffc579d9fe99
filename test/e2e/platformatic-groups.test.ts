// Consumer groups with @platformatic/kafka's Consumer against a real samsa broker, for both
// group protocols: 'classic' (JoinGroup/SyncGroup/Heartbeat, client-side assignment) and
// 'consumer' (KIP-848 ConsumerGroupHeartbeat, server-side assignor), in both thread layouts.
// Records are produced with samsa's own Producer; the group's view is cross-checked with
// DescribeGroups (platformatic Admin) or ConsumerGroupDescribe (raw, samsa's Connection).
import { expect } from 'chai';
import * as fs from 'fs';
import type * as Platformatic from '@platformatic/kafka';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { Producer } from '../../src/client/producer';
import { Connection } from '../../src/client/connection';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pk = require('@platformatic/kafka') as typeof Platformatic;

type Protocol = 'classic' | 'consumer';
type PkConsumer = Platformatic.Consumer<string, string, string, string>;
type PkStream = Platformatic.MessagesStream<string, string, string, string>;
type PkMessage = Platformatic.Message<string, string, string, string>;

const PARTITIONS = 6;

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string | (() => string)): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends values `v{from}`…`v{from+count-1}` round-robin over the partitions; returns value → "p:o". */
async function sendRange(producer: Producer, topic: string, from: number, count: number, partitions: number): Promise<Map<string, string>> {
  const sends: Promise<{ partition: number; offset: number }>[] = [];
  for (let i = from; i < from + count; i++) sends.push(producer.send({ topic, partition: i % partitions, key: `k${i}`, value: `v${i}` }));
  const md = await Promise.all(sends);
  return new Map(md.map((m, j) => [`v${from + j}`, `${m.partition}:${m.offset}`]));
}

/** The same with a producer of its own. */
async function produce(bootstrap: string, topic: string, from: number, count: number, partitions = PARTITIONS): Promise<Map<string, string>> {
  const producer = new Producer({ bootstrap, acks: -1, lingerMs: 2 });
  try {
    return await sendRange(producer, topic, from, count, partitions);
  } finally {
    await producer.close();
  }
}

/** One group member: a platformatic Consumer streaming one topic; remembers what it received. */
class Member {
  readonly received: { p: number; o: number; v: string; msg: PkMessage }[] = [];
  readonly errors: string[] = [];
  stream!: PkStream;
  closed = false;

  private constructor(readonly name: string, readonly consumer: PkConsumer) {}

  static async start(bootstrap: string, protocol: Protocol, groupId: string, topic: string, name: string, autocommit = true): Promise<Member> {
    const base = {
      bootstrapBrokers: [bootstrap], clientId: `plat-${name}`, groupId, deserializers: pk.stringDeserializers,
      maxWaitTime: 200, retries: 10, retryDelay: 100,
    };
    const consumer: PkConsumer = protocol === 'classic'
      ? new pk.Consumer({ ...base, groupProtocol: 'classic', sessionTimeout: 6000, rebalanceTimeout: 8000, heartbeatInterval: 250 })
      : new pk.Consumer({ ...base, groupProtocol: 'consumer', rebalanceTimeout: 60000 });
    const m = new Member(name, consumer);
    try {
      m.stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit });
    } catch (err) {
      await consumer.close(true);
      throw err;
    }
    m.stream.on('data', (msg: PkMessage) => m.received.push({ p: msg.partition, o: Number(msg.offset), v: msg.value, msg }));
    m.stream.on('error', (err: Error) => m.errors.push(String(err)));
    return m;
  }

  /** Partitions of the topic this member is assigned now (client's view), sorted. */
  partitions(): number[] {
    return [...(this.consumer.assignments ?? []).flatMap((a) => a.partitions)].sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.consumer.close(true);
  }
}

/** The broker's view of a KIP-848 group (ConsumerGroupDescribe v0, asked with samsa's own connection). */
async function consumerGroupDescribe(bootstrap: string, groupId: string): Promise<any> {
  const [host, port] = bootstrap.split(':');
  const conn = new Connection({ host, port: Number(port) });
  try {
    const res = await conn.request(69, { groupIds: [groupId], includeAuthorizedOperations: false }, { version: 0 });
    return res.groups[0];
  } finally {
    await conn.close();
  }
}

/**
 * Waits until the group is stable with exactly `members` (broker and clients agree): every
 * partition of `topic` is owned by exactly one member and each member's own view matches the
 * broker's. Returns the assignment by member name, and for 'consumer' the describe answer.
 */
async function waitStable(bootstrap: string, admin: Platformatic.Admin, protocol: Protocol, groupId: string, topic: string,
  members: Member[], ms = 30000): Promise<{ byMember: Map<string, number[]>; generation: number; described?: any }> {
  let last = '';
  let described: any;
  await until(async () => {
    const views = members.map((m) => m.partitions());
    const all = views.flat().sort((a, b) => a - b);
    last = `client views ${JSON.stringify(views)}`;
    if (all.length !== PARTITIONS || all.some((p, i) => p !== i)) return false;
    if (members.some((m) => !m.consumer.memberId)) return false;
    if (protocol === 'classic') {
      const g = (await admin.describeGroups({ groups: [groupId] })).get(groupId)!;
      last += `; broker: ${g.state}, ${g.members.size} members`;
      if (g.state !== 'STABLE' || g.members.size !== members.length) return false;
      if (new Set(members.map((m) => m.consumer.generationId)).size !== 1) return false;
      return members.every((m, i) => {
        const a = g.members.get(m.consumer.memberId!)?.assignments?.get(topic)?.partitions ?? [];
        return JSON.stringify([...a].sort((x, y) => x - y)) === JSON.stringify(views[i]);
      });
    }
    const d = await consumerGroupDescribe(bootstrap, groupId);
    last += `; broker: ${JSON.stringify(d)}`;
    if (d.errorCode !== 0 || d.groupState !== 'Stable' || d.members.length !== members.length) return false;
    if (d.assignmentEpoch !== d.groupEpoch) return false;
    const ok = members.every((m, i) => {
      const dm = d.members.find((x: any) => x.memberId === m.consumer.memberId);
      if (!dm || dm.memberEpoch !== d.groupEpoch) return false;
      const parts = (a: any) => a.topicPartitions.filter((t: any) => t.topicName === topic).flatMap((t: any) => t.partitions).sort((x: number, y: number) => x - y);
      return JSON.stringify(parts(dm.assignment)) === JSON.stringify(views[i]) && JSON.stringify(parts(dm.targetAssignment)) === JSON.stringify(views[i]);
    });
    if (ok) described = d;
    return ok;
  }, ms, () => `a stable group of ${members.length} (${last})`);
  return { byMember: new Map(members.map((m) => [m.name, m.partitions()])), generation: members[0].consumer.generationId, described };
}

function keyOf(r: { p: number; o: number }): string { return `${r.p}:${r.o}`; }

for (const layout of ['workers', 'single'] as const) {
  describe(`e2e: consumer groups with @platformatic/kafka (${layout} layout)`, function () {
    this.timeout(60000);
    const overrides = {
      'samsa.threading': layout, 'num.io.threads': layout === 'workers' ? 2 : 1, 'num.network.threads': layout === 'workers' ? 2 : 1,
      'group.initial.rebalance.delay.ms': 0, 'offsets.topic.num.partitions': 10, 'group.consumer.heartbeat.interval.ms': 1000,
    };
    let broker: TestBroker;
    let admin: Platformatic.Admin;
    const members: Member[] = [];

    const newAdmin = () => new pk.Admin({ bootstrapBrokers: [broker.bootstrap], clientId: 'plat-groups-admin', retries: 5, retryDelay: 100 });
    const join = async (protocol: Protocol, groupId: string, topic: string, name: string, autocommit = true) => {
      const m = await Member.start(broker.bootstrap, protocol, groupId, topic, name, autocommit);
      members.push(m);
      return m;
    };
    /**
     * Members join one after the other. KIP-848 members heartbeat every 5 s from their join:
     * joined within a few ms, the first one's heartbeat giving partitions up and the others'
     * asking for them would often land together, and the others would wait one more interval.
     */
    const joinAll = async (protocol: Protocol, groupId: string, topic: string, names: string[]) => {
      const out: Member[] = [];
      for (const name of names) {
        out.push(await join(protocol, groupId, topic, name));
        if (protocol === 'consumer' && out.length === 1) await new Promise((r) => setTimeout(r, 300));
      }
      return out;
    };

    let running = false; // false while the broker restarts
    before(async () => {
      broker = await startTestBroker(overrides);
      running = true;
      admin = newAdmin();
    });
    afterEach(async () => {
      await Promise.all(members.splice(0).map((m) => m.close()));
    });
    after(async () => {
      await admin?.close();
      if (running) await broker.cleanup();
      else if (broker) fs.rmSync(broker.dataDir, { recursive: true, force: true });
    });

    for (const protocol of ['classic', 'consumer'] as const) {
      it(`${protocol}: 3 consumers share 6 partitions; 60,000 records each consumed exactly once`, async () => {
        const topic = `shared-${protocol}`;
        const group = `g-shared-${protocol}`;
        await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 });
        const ms = await joinAll(protocol, group, topic, ['m0', 'm1', 'm2']);
        const { byMember } = await waitStable(broker.bootstrap, admin, protocol, group, topic, ms);
        for (const parts of byMember.values()) expect(parts).to.have.length(2);

        const produced = await produce(broker.bootstrap, topic, 0, 60000);
        const total = () => ms.reduce((s, m) => s + m.received.length, 0);
        await until(() => total() >= 60000, 40000, () => `60,000 records (have ${total()})`);
        await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive by now

        const seen = new Map<string, number>();
        const wrong: string[] = [];
        for (const m of ms) {
          for (const r of m.received) {
            seen.set(keyOf(r), (seen.get(keyOf(r)) ?? 0) + 1);
            if (produced.get(r.v) !== keyOf(r)) wrong.push(`${r.v} at ${keyOf(r)}, produced at ${produced.get(r.v)}`);
            if (!byMember.get(m.name)!.includes(r.p)) wrong.push(`${m.name} got ${r.v} of partition ${r.p}`);
          }
        }
        expect(wrong.slice(0, 10), `${wrong.length} records out of place`).to.deep.equal([]);
        expect(seen.size).to.equal(60000);
        expect([...seen.values()].filter((n) => n !== 1)).to.deep.equal([]);
        for (const m of ms) expect(m.received.length, `records of ${m.name}`).to.equal(20000);
        expect(ms.flatMap((m) => m.errors)).to.deep.equal([]);
      });

      it(`${protocol}: a member leaves and another joins; partitions move, nothing is missing`, async () => {
        const topic = `moves-${protocol}`;
        const group = `g-moves-${protocol}`;
        await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 });
        const ms = await joinAll(protocol, group, topic, ['a', 'b', 'c']);
        const first = await waitStable(broker.bootstrap, admin, protocol, group, topic, ms);

        // records keep coming (about 5,000 a second) while members leave and join
        const produced = new Map<string, string>();
        let next = 0;
        let producing = true;
        const producer = new Producer({ bootstrap: broker.bootstrap, acks: -1, lingerMs: 2 });
        const sending = (async () => {
          try {
            while (producing) {
              for (const [v, at] of await sendRange(producer, topic, next, 250, PARTITIONS)) produced.set(v, at);
              next += 250;
              await new Promise((r) => setTimeout(r, 50));
            }
          } finally {
            await producer.close();
          }
        })();
        const received = () => new Set(members.flatMap((m) => m.received.map((r) => r.v)));
        try {
          await until(() => ms.every((m) => m.received.length > 0), 20000, 'records at every member');
          const leaving = ms[0];
          const moved = first.byMember.get('a')!;
          await leaving.close();
          const stay = ms.slice(1);
          const second = await waitStable(broker.bootstrap, admin, protocol, group, topic, stay);
          for (const p of moved) expect(stay.filter((m) => m.partitions().includes(p)), `owners of moved partition ${p}`).to.have.length(1);
          // the moved partitions' new records reach their new owners
          const mark = next;
          await until(() => moved.every((p) => stay.some((m) => m.received.some((r) => r.p === p && Number(r.v.slice(1)) >= mark))),
            20000, 'records of the moved partitions at their new owners');

          const joined = await join(protocol, group, topic, 'd');
          const now = [...stay, joined];
          const third = await waitStable(broker.bootstrap, admin, protocol, group, topic, now);
          expect(third.byMember.get('d')!.length, 'partitions of the new member').to.be.greaterThan(0);
          const mark2 = next;
          await until(() => joined.received.some((r) => Number(r.v.slice(1)) >= mark2), 20000, 'records at the member that joined');
          if (protocol === 'consumer') {
            // the group epoch moved on at the leave and at the join; the server assignor is Kafka's default
            expect(second.described.groupEpoch).to.be.greaterThan(first.described.groupEpoch);
            expect(third.described.groupEpoch).to.be.greaterThan(second.described.groupEpoch);
            expect(third.described.assignorName).to.equal('uniform');
            expect(third.described.members.map((x: any) => x.memberId).sort()).to.deep.equal(now.map((m) => m.consumer.memberId).sort());
            expect(third.described.members.map((x: any) => x.clientId).sort()).to.deep.equal(['plat-b', 'plat-c', 'plat-d']);
            expect(third.described.members.every((x: any) => x.subscribedTopicNames.join() === topic)).to.equal(true);
          } else {
            // a new generation at the leave and at the join
            expect(second.generation).to.be.greaterThan(first.generation);
            expect(third.generation).to.be.greaterThan(second.generation);
          }
        } finally {
          producing = false;
          await sending;
        }
        await until(() => received().size >= produced.size, 30000, () => `all ${produced.size} records (have ${received().size})`);
        const got = received();
        const missing = [...produced.keys()].filter((v) => !got.has(v));
        expect(missing.slice(0, 10), `${missing.length} missing; stream errors: ${members.flatMap((m) => m.errors)}`).to.deep.equal([]);
        const wrong = members.flatMap((m) => m.received.filter((r) => produced.get(r.v) !== keyOf(r)).map((r) => `${r.v} at ${keyOf(r)}`));
        expect(wrong.slice(0, 10), `${wrong.length} records out of place`).to.deep.equal([]);
      });

      it(`${protocol}: committed offsets survive a broker restart; a new member resumes from them`, async () => {
        const topic = `commits-${protocol}`;
        const group = `g-commits-${protocol}`;
        const parts = 3;
        await admin.createTopics({ topics: [topic], partitions: parts, replicas: 1 });
        await produce(broker.bootstrap, topic, 0, 900, parts);
        const a = await join(protocol, group, topic, 'first', false);
        await until(() => a.received.length >= 900, 20000, 'the first 900 records');
        // commit through the records themselves (OffsetCommit by the member): a different point per partition
        const commitAt = [100, 150, 299];
        for (let p = 0; p < parts; p++) await a.received.find((r) => r.p === p && r.o === commitAt[p] - 1)!.msg.commit();
        const committed = async (): Promise<number[]> => {
          const [g] = await admin.listConsumerGroupOffsets({ groups: [group] });
          const t = g.topics.find((x) => x.name === topic)!;
          return [...t.partitions].sort((x, y) => x.partitionIndex - y.partitionIndex).map((x) => Number(x.committedOffset));
        };
        expect(await committed()).to.deep.equal(commitAt);
        await a.close();

        const dir = broker.dataDir;
        await admin.close();
        running = false;
        await broker.stop();
        broker = await startTestBroker(overrides, dir);
        running = true;
        admin = newAdmin();
        expect(await committed(), 'committed offsets after the restart').to.deep.equal(commitAt);

        await produce(broker.bootstrap, topic, 900, 30, parts);
        const b = await join(protocol, group, topic, 'second');
        const expected = (300 - commitAt[0]) + (300 - commitAt[1]) + (300 - commitAt[2]) + 30;
        await until(() => b.received.length >= expected, 20000, () => `${expected} records after the restart (have ${b.received.length})`);
        await new Promise((r) => setTimeout(r, 200));
        for (let p = 0; p < parts; p++) {
          const offsets = b.received.filter((r) => r.p === p).map((r) => r.o);
          expect(offsets, `offsets of partition ${p}`).to.deep.equal(Array.from({ length: 310 - commitAt[p] }, (_, i) => commitAt[p] + i));
        }
        // and the new member's own (auto)commits reach the end
        await until(async () => JSON.stringify(await committed()) === JSON.stringify([310, 310, 310]), 10000, 'commits at the end');
        expect([...a.errors, ...b.errors]).to.deep.equal([]);
      });
    }
  });
}
