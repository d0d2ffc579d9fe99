// Client-side partition assignors with kafkajs against a real samsa broker: the scenario of
// test/interop/assignors-scenario.ts (2 members on a 4-partition topic, a 3rd joins, the 1st
// leaves cleanly, 6,000 records streaming in) with kafkajs's built-in RoundRobinAssigner, and
// with a custom assignor registered through partitionAssigners whose protocol name and member
// metadata are arbitrary (the metadata is not even a ConsumerProtocolSubscription): the broker
// must choose it, hand every member's metadata to the leader byte for byte, and pass the leader's
// assignment bytes (with user data) to the members untouched.
import { expect } from 'chai';
import { randomBytes } from 'crypto';
import { AssignerProtocol, Kafka, logLevel, PartitionAssigners, type Consumer, type PartitionAssigner } from 'kafkajs';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { createTopics } from '../interop/setup';
import type { Consumed } from '../interop/groups-members';
import { type ExpectedAssignment, expectedRoundRobin } from '../interop/assignors-checks';
import {
  ASSIGNOR_PARTITIONS, ASSIGNOR_RECORDS, type AssignorCase, expectScenario, runScenario, type ScenarioMember,
} from '../interop/assignors-scenario';

/** A protocol name no built-in assignor has, with a space and a multi-byte character. */
const CUSTOM_PROTOCOL = 'samsa.test/reverse stripes ✓';

/** The custom assignor: members sorted by member id, partition p to member (n - 1 - p) % k. */
const expectedReverseStripes: ExpectedAssignment = (memberIds, n) => {
  const sorted = [...memberIds].sort();
  const out = new Map<string, number[]>(sorted.map((id) => [id, []]));
  for (let p = 0; p < n; p++) out.get(sorted[(n - 1 - p) % sorted.length])!.push(p);
  for (const l of out.values()) l.sort((a, b) => a - b);
  return out;
};

/** What the custom assignor's members sent and what its leaders received and produced. */
class CustomRecord {
  /** clientId → the metadata bytes that member offers (the same at every join). */
  readonly sent = new Map<string, Buffer>();
  /** every member metadata a leader's assign() received */
  readonly received: { memberId: string; metadata: Buffer }[] = [];
  /** memberId → every assignment (bytes) a leader produced for it */
  readonly assigned = new Map<string, Buffer[]>();
  assigns = 0;
}

/** Metadata that is not a consumer subscription: a negative "version", JSON, random bytes (zeros included). */
function customMetadata(clientId: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0x7f, 0x00, 0x80]), Buffer.from(JSON.stringify({ clientId, note: 'opaque ✓' })), randomBytes(24), Buffer.alloc(3)]);
}

function customAssigner(clientId: string, rec: CustomRecord): PartitionAssigner {
  const metadata = customMetadata(clientId);
  rec.sent.set(clientId, metadata);
  return ({ cluster }) => ({
    name: CUSTOM_PROTOCOL,
    version: 1,
    protocol: () => ({ name: CUSTOM_PROTOCOL, metadata }),
    async assign({ members, topics }) {
      rec.assigns++;
      for (const m of members) rec.received.push({ memberId: m.memberId, metadata: Buffer.from(m.memberMetadata) });
      const [topic] = topics;
      const n = cluster.findTopicPartitionMetadata(topic).length;
      const want = expectedReverseStripes(members.map((m) => m.memberId), n);
      return [...want].map(([memberId, partitions]) => {
        const userData = Buffer.concat([Buffer.from(`assigned by ${clientId} `), randomBytes(8)]);
        const memberAssignment = AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: { [topic]: partitions }, userData });
        rec.assigned.set(memberId, [...rec.assigned.get(memberId) ?? [], memberAssignment]);
        return { memberId, memberAssignment };
      });
    },
  });
}

/** A kafkajs consumer in this process; records are kept in the interop digest-line format. */
class KafkajsMember implements ScenarioMember {
  readonly records: Consumed[] = [];
  readonly events: string[] = [];
  readonly errorOutput = '';
  /** protocol names from the GROUP_JOIN events */
  readonly joins: string[] = [];
  private stopped: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;

  private constructor(readonly name: string, private readonly consumer: Consumer) {}

  static async start(o: { bootstrap: string; topic: string; group: string; clientId: string }, assigners: PartitionAssigner[]): Promise<KafkajsMember> {
    const kafka = new Kafka({ clientId: o.clientId, brokers: [o.bootstrap], logLevel: logLevel.NOTHING });
    // kafkajs heartbeats between fetches: short long-polls let it notice a rebalance soon
    const consumer = kafka.consumer({ groupId: o.group, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 500, partitionAssigners: assigners });
    const m = new KafkajsMember(o.clientId, consumer);
    consumer.on(consumer.events.GROUP_JOIN, (e) => { m.joins.push(e.payload.groupProtocol); });
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const h = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(',');
        const offset = Number(message.offset);
        m.records.push({ partition, offset, line: `${partition}:${offset}:${String(message.key)}:${String(message.value)}:${h}`, at: Date.now() });
      },
    });
    return m;
  }

  /** disconnect(): kafkajs commits what it consumed and leaves the group. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.stopped ??= this.consumer.disconnect().then(() => ({ code: 0, signal: null }), () => ({ code: 1, signal: null }));
    return this.stopped;
  }

  async kill(): Promise<void> { await Promise.race([this.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]); }
}

describe('e2e: partition assignors with kafkajs', function () {
  this.timeout(120_000);
  let broker: TestBroker;
  const live: KafkajsMember[] = [];

  before(async () => {
    broker = await startTestBroker({ 'num.io.threads': 2, 'num.network.threads': 2, 'group.initial.rebalance.delay.ms': 500, 'offsets.topic.num.partitions': 10 });
  });
  afterEach(async () => { await Promise.all(live.splice(0).map((m) => m.kill())); });
  after(async () => { await broker?.cleanup(); });

  async function run(c: AssignorCase, name: string) {
    await createTopics(broker.bootstrap, [name], ASSIGNOR_PARTITIONS);
    const r = await runScenario(c, { bootstrap: broker.bootstrap, topic: name, group: name, prefix: name }, (m) => live.push(m as KafkajsMember));
    console.log(`      ${expectScenario(c, r)}`);
    const members = live.slice(-3);
    for (const m of members) expect(m.joins.length, `${m.name} joined`).to.be.greaterThan(0);
    for (const m of members) expect([...new Set(m.joins)], `${m.name}: protocol of every join`).to.deep.equal([c.protocol]);
    return r;
  }

  it(`built-in RoundRobinAssigner: 2 members, a 3rd joins, one leaves; ${ASSIGNOR_RECORDS} records streaming`, async () => {
    await run({
      assignor: 'RoundRobinAssigner', protocol: 'RoundRobinAssigner', rebalance: 'eager', expected: expectedRoundRobin, reportsRevokes: false,
      start: (o) => KafkajsMember.start(o, [PartitionAssigners.roundRobin]),
    }, 'kjs-roundrobin');
  });

  it('a custom assignor (partitionAssigners): arbitrary protocol name, metadata and assignment bytes pass through untouched', async () => {
    const rec = new CustomRecord();
    const r = await run({
      assignor: 'custom', protocol: CUSTOM_PROTOCOL, rebalance: 'eager', expected: expectedReverseStripes, reportsRevokes: false,
      // preferred over the built-in round robin every member also offers
      start: (o) => KafkajsMember.start(o, [customAssigner(o.clientId, rec), PartitionAssigners.roundRobin]),
    }, 'kjs-custom');
    expect(rec.assigns, 'leader assignments').to.be.at.least(3);
    for (const got of rec.received) {
      const clientId = JSON.parse(got.metadata.subarray(4, got.metadata.indexOf(0x7d, 4) + 1).toString()).clientId as string;
      expect(got.metadata.equals(rec.sent.get(clientId)!), `metadata of ${clientId} (${got.memberId}) as the leader got it`).to.equal(true);
    }
    r.raw.forEach((raw, i) => {
      for (const m of raw.members) {
        expect(m.metadata.equals(rec.sent.get(m.clientId)!), `DescribeGroups metadata of ${m.clientId} at phase ${i + 1}`).to.equal(true);
        // each assignment carries random user data, so equal bytes are the leader's own
        expect((rec.assigned.get(m.memberId) ?? []).some((b) => b.equals(m.assignment)), `DescribeGroups assignment bytes of ${m.clientId} at phase ${i + 1}`).to.equal(true);
      }
    });
  });
});
