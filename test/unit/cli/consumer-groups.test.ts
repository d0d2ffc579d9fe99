import { expect } from 'chai';
import { PassThrough } from 'stream';
import { main } from '../../../src/cli/main';
import { buildConsumerPlan } from '../../../src/cli/console-consumer';
import { validateConsumerGroupsOptions } from '../../../src/cli/consumer-groups-command';
import { jfmt } from '../../../src/cli/consumer-groups-format';
import { OffsetLookups, parseDateTime, parseDuration, partitionsToReset, planReset } from '../../../src/cli/reset-offsets';
import { UsageError } from '../../../src/cli/options';
import { encodeAssignment, encodeSubscription } from '../../../src/client/group/consumer-protocol';
import { apiVersionRange } from '../../../src/protocol/apis';
import { buildBatch } from '../../../src/protocol/record-batch';
import { FakeBroker } from '../client/fake-broker';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const input = new PassThrough();
  input.end('');
  let o = '';
  let e = '';
  out.on('data', (d) => { o += d; });
  err.on('data', (d) => { e += d; });
  const code = await main(args, { stdin: input, stdout: out, stderr: err });
  return { code, out: o, err: e };
}

const CG = ['consumer-groups', '--bootstrap-server', '127.0.0.1:1'];

describe('cli/consumer-groups arguments', () => {
  const cases: [string[], string][] = [
    [[], 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets'],
    [['--list', '--describe'], 'exactly one action'],
    [['--describe'], 'Option [describe] takes one of these options: [group], [all-groups]'],
    [['--describe', '--group', 'g', '--all-groups'], 'Option "[group]" can\'t be used with option "[all-groups]"'],
    [['--describe', '--group', 'g', '--members', '--state'], 'Option [describe] takes at most one of these options: [members], [offsets], [state]'],
    [['--describe', '--group', 'g', '--state', 'stable'], 'Option [describe] does not take a value for [state]'],
    [['--describe', '--group', 'g', '--topic', 't'], 'Option "[topic]" can\'t be used with option "[describe]"'],
    [['--list', '--group', 'g'], 'Option "[group]" can\'t be used with option "[list]"'],
    [['--list', '--members'], 'Option [members] can only be used with --describe'],
    [['--list', '--state', 'stable,bogus'], "Invalid state list 'stable,bogus'. Valid states are: PreparingRebalance"],
    [['--list', '--to-earliest'], 'Option [to-earliest] can only be used with --reset-offsets'],
    [['--delete'], 'Option [delete] takes one of these options'],
    [['--delete', '--group', 'g', '--topic', 't'], 'The consumer does not support topic-specific offset deletion from a consumer group.'],
    [['--delete-offsets', '--group', 'g'], 'Option [delete-offsets] takes the following options: [group], [topic]'],
    [['--reset-offsets', '--group', 'g', '--topic', 't'], 'Option [reset-offsets] requires one of the following scenarios: [to-datetime], [by-duration], [to-earliest], [to-latest], [shift-by], [to-current], [to-offset]'],
    [['--reset-offsets', '--group', 'g', '--topic', 't', '--to-earliest', '--to-offset', '3'], 'Option "[to-earliest]" can\'t be used with option "[to-offset]"'],
    [['--reset-offsets', '--group', 'g', '--to-earliest'], 'One of the reset scopes should be defined: --all-topics, --topic.'],
    [['--reset-offsets', '--group', 'g', '--all-topics', '--to-earliest', '--dry-run', '--execute'], 'Option [reset-offsets] only accepts one of [execute] and [dry-run]'],
    [['--reset-offsets', '--topic', 't', '--to-earliest'], 'Option [reset-offsets] takes one of these options: [group], [all-groups]'],
    [['--reset-offsets', '--group', 'g', '--topic', 't', '--to-offset', 'ten'], "Invalid value 'ten' for --to-offset: expected an integer"],
    [['--reset-offsets', '--group', 'g', '--topic', 't', '--to-datetime', '2024-01-01 10:00:00.000'], "It does not contain a 'T'"],
    [['--reset-offsets', '--group', 'g', '--topic', 't', '--to-datetime', '2024-13-01T10:00:00.000'], 'Unparseable date'],
    [['--reset-offsets', '--group', 'g', '--topic', 't', '--by-duration', '1H'], 'Text cannot be parsed to a Duration: 1H'],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ') || '(no action)'} → ${message.slice(0, 60)}`, async () => {
      const r = await run([...CG, ...args]);
      expect(r.code).to.equal(1);
      expect(r.err).to.include(message);
      expect(r.out).to.equal('');
    });
  }

  it('needs a bootstrap server', async () => {
    const r = await run(['consumer-groups', '--list']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('Missing required argument "[bootstrap-server]"');
  });

  it('accepts a negative --shift-by and warns when neither --dry-run nor --execute is given', () => {
    const warnings: string[] = [];
    const v = validateConsumerGroupsOptions({ bootstrapServer: 'h:1', resetOffsets: true, group: ['g'], allTopics: true, shiftBy: '-5' }, (w) => warnings.push(w));
    expect(v).to.deep.equal({ action: 'resetOffsets', reset: { kind: 'shift', by: -5 }, states: null, execute: false });
    expect(warnings[0]).to.match(/^WARN: No action will be performed as the --execute option is missing/);
    const listed = validateConsumerGroupsOptions({ bootstrapServer: 'h:1', list: true, state: 'STABLE,empty' }, () => {});
    expect(listed.states).to.deep.equal(['Stable', 'Empty']);
  });

  it('the help lists the kafka-consumer-groups.sh flags', async () => {
    const r = await run(['consumer-groups', '--help']);
    expect(r.code).to.equal(0);
    for (const f of ['--reset-offsets', '--to-datetime', '--shift-by', '--all-topics', '--members', '--dry-run', '--execute']) expect(r.out).to.include(f);
  });
});

describe('cli/consumer-groups reset-offset computation', () => {
  // t-0: log 10..100, committed 20; t-1: log 0..50, nothing committed
  const earliest = new Map([['t-0', 10], ['t-1', 0]]);
  const latest = new Map([['t-0', 100], ['t-1', 50]]);
  const parts = [{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }];
  let asked: number[] = [];
  const look: OffsetLookups = {
    earliest: async (tps) => new Map(tps.map((tp) => [`t-${tp.partition}`, earliest.get(`t-${tp.partition}`)!])),
    latest: async (tps) => new Map(tps.map((tp) => [`t-${tp.partition}`, latest.get(`t-${tp.partition}`)!])),
    forTimestamp: async (tps, ts) => { asked.push(ts); return new Map(tps.map((tp) => [`t-${tp.partition}`, tp.partition === 0 ? 42 : -1])); },
    committed: async () => new Map([['t-0', 20]]),
    now: () => 1_000_000,
  };
  let notes: { warn: string[]; info: string[] };
  const sink = () => ({ warn: (s: string) => notes.warn.push(s), info: (s: string) => notes.info.push(s) });
  const offsets = async (spec: Parameters<typeof planReset>[0], tps = parts) => (await planReset(spec, tps, look, sink())).map((r) => r.offset);
  beforeEach(() => { notes = { warn: [], info: [] }; asked = []; });

  it('--to-earliest and --to-latest', async () => {
    expect(await offsets({ kind: 'earliest' })).to.deep.equal([10, 0]);
    expect(await offsets({ kind: 'latest' })).to.deep.equal([100, 50]);
  });

  it('--to-offset clamps into the log with a warning', async () => {
    expect(await offsets({ kind: 'offset', offset: 60 })).to.deep.equal([60, 50]);
    expect(notes.warn).to.deep.equal(['New offset (60) is higher than latest offset for topic partition t-1. Value will be set to 50.']);
    notes.warn = [];
    expect(await offsets({ kind: 'offset', offset: 5 })).to.deep.equal([10, 5]);
    expect(notes.warn).to.deep.equal(['New offset (5) is lower than earliest offset for topic partition t-0. Value will be set to 10.']);
  });

  it('--shift-by moves the committed offset (clamped) and needs one', async () => {
    expect(await offsets({ kind: 'shift', by: 7 }, [parts[0]])).to.deep.equal([27]);
    expect(await offsets({ kind: 'shift', by: -15 }, [parts[0]])).to.deep.equal([10]);
    expect(await offsets({ kind: 'shift', by: 500 }, [parts[0]])).to.deep.equal([100]);
    let err: unknown;
    try { await offsets({ kind: 'shift', by: 1 }); } catch (e) { err = e; }
    expect((err as Error).message).to.equal('Cannot shift offset for partition t-1 since there is no current committed offset');
  });

  it('--to-current keeps committed offsets, else the log end', async () => {
    expect(await offsets({ kind: 'current' })).to.deep.equal([20, 50]);
  });

  it('--to-datetime and --by-duration: first offset at the time, else the log end', async () => {
    expect(await offsets({ kind: 'datetime', timestamp: 1234 })).to.deep.equal([42, 50]);
    expect(notes.info).to.deep.equal(['\nWarn: Partition 1 from topic t is empty. Falling back to latest known offset.']);
    expect(await offsets({ kind: 'duration', ms: 60_000 })).to.deep.equal([42, 50]);
    expect(asked).to.deep.equal([1234, 1_000_000 - 60_000]);
  });

  it('--topic values: whole topics from metadata, or listed partitions', async () => {
    const tps = await partitionsToReset(['a', 'b:2,0', 'a:1'], async (t) => (t === 'a' ? [0, 1] : []));
    expect(tps).to.deep.equal([{ topic: 'a', partition: 0 }, { topic: 'a', partition: 1 }, { topic: 'b', partition: 2 }, { topic: 'b', partition: 0 }]);
    let err: unknown;
    try { await partitionsToReset(['b:x'], async () => []); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.equal("Invalid partition 'x' specified in topic arg 'b:x''");
  });

  it('parses datetimes (UTC unless zoned) and durations as Kafka does', () => {
    expect(parseDateTime('2024-01-02T03:04:05.678')).to.equal(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseDateTime('2024-01-02T03:04:05.678Z')).to.equal(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseDateTime('2024-01-02T03:04:05.678+02:00')).to.equal(Date.UTC(2024, 0, 2, 1, 4, 5, 678));
    expect(parseDateTime('2024-01-02T03:04:05.678-0130')).to.equal(Date.UTC(2024, 0, 2, 4, 34, 5, 678));
    expect(parseDateTime('2024-01-02T03:04:05.678+05')).to.equal(Date.UTC(2024, 0, 1, 22, 4, 5, 678));
    expect(() => parseDateTime('2024-02-30T00:00:00.000')).to.throw(/Unparseable/);
    expect(() => parseDateTime('2024-01-02T03:04:05')).to.throw(/Unparseable/);
    expect(parseDuration('PT1H')).to.equal(3_600_000);
    expect(parseDuration('P1DT2H3M4.5S')).to.equal(((24 + 2) * 3600 + 3 * 60 + 4) * 1000 + 500);
    expect(parseDuration('-PT1S')).to.equal(-1000);
    expect(() => parseDuration('P')).to.throw(/cannot be parsed/);
    expect(() => parseDuration('PT')).to.throw(/cannot be parsed/);
  });

  it('formats like Java: left-justified widths, %n', () => {
    expect(jfmt('%n%-5s|%s|%3s', 'ab', 'c', 'd')).to.equal('\nab   |c|  d');
    expect(jfmt('%-3s', 'toolong')).to.equal('toolong');
  });
});

const GROUP_KEYS = [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 32, 33, 37, 42, 44, 47];

describe('cli/consumer-groups against a scripted broker', () => {
  let b: FakeBroker;
  let state = 'Stable';
  const committed = new Map<string, number>();
  beforeEach(async () => {
    b = new FakeBroker();
    await b.start();
    b.withTopics({ t: 2 });
    state = 'Stable';
    committed.clear();
    committed.set('t-0', 4);
    b.handlers.set(18, () => ({ errorCode: 0, throttleTimeMs: 0, apiKeys: GROUP_KEYS.map((k) => ({ apiKey: k, minVersion: apiVersionRange(k)!.min, maxVersion: apiVersionRange(k)!.max })) }));
    b.handlers.set(10, (body) => ({
      throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: '127.0.0.1', port: b.port,
      coordinators: (body.coordinatorKeys ?? []).map((key: string) => ({ key, nodeId: 1, host: '127.0.0.1', port: b.port, errorCode: 0, errorMessage: null })),
    }));
    b.handlers.set(15, (body) => ({
      throttleTimeMs: 0,
      groups: body.groups.map((groupId: string) => ({
        errorCode: 0, groupId, groupState: state, protocolType: 'consumer', protocolData: state === 'Stable' ? 'range' : '', authorizedOperations: 0,
        members: state !== 'Stable' ? [] : [{
          memberId: 'consumer-1-abc', groupInstanceId: null, clientId: 'c1', clientHost: '/127.0.0.1',
          memberMetadata: encodeSubscription({ topics: ['t'] }), memberAssignment: encodeAssignment({ partitions: [{ topic: 't', partition: 1 }, { topic: 't', partition: 0 }] }),
        }],
      })),
    }));
    b.handlers.set(9, (body) => ({
      throttleTimeMs: 0,
      groups: body.groups.map((g: any) => ({
        groupId: g.groupId, errorCode: 0,
        topics: (g.topics ?? [{ name: 't', partitionIndexes: [...committed.keys()].map((k) => Number(k.split('-')[1])) }]).map((t: any) => ({
          name: t.name, partitions: t.partitionIndexes.map((p: number) => ({ partitionIndex: p, committedOffset: committed.get(`${t.name}-${p}`) ?? -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 })),
        })),
      })),
    }));
    b.handlers.set(2, (body) => ({
      throttleTimeMs: 0,
      topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 0, timestamp: -1, offset: p.timestamp === -2 ? 0 : 10, leaderEpoch: 0 })) })),
    }));
    b.handlers.set(8, (body) => {
      for (const t of body.topics) for (const p of t.partitions) committed.set(`${t.name}-${p.partitionIndex}`, p.committedOffset);
      return { throttleTimeMs: 0, topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 0 })) })) };
    });
    b.handlers.set(16, () => ({ throttleTimeMs: 0, errorCode: 0, groups: [
      { groupId: 'g1', protocolType: 'consumer', groupState: state, groupType: 'classic' },
      { groupId: 'connect-x', protocolType: 'connect', groupState: 'Stable', groupType: 'classic' },
    ] }));
  });
  afterEach(async () => { await b.stop(); });
  const cg = (...args: string[]) => run(['consumer-groups', '--bootstrap-server', b.bootstrap, ...args]);

  it('--describe prints offsets and lag per partition, like kafka-consumer-groups.sh', async () => {
    const r = await cg('--describe', '--group', 'g1');
    expect(r.code).to.equal(0);
    expect(r.err).to.equal('');
    expect(r.out).to.equal(
      '\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID'
      + '\ng1              t               0          4               10              6               consumer-1-abc  /127.0.0.1      c1'
      + '\ng1              t               1          -               10              -               consumer-1-abc  /127.0.0.1      c1'
      + '\n');
  });

  it('--describe of an empty group: a note on stderr, committed offsets without consumers', async () => {
    state = 'Empty';
    const r = await cg('--describe', '--group', 'g1');
    expect(r.err).to.equal("\nConsumer group 'g1' has no active members.\n");
    expect(r.out).to.equal(
      '\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID'
      + '\ng1              t               0          4               10              6               -               -               -'
      + '\n');
    state = 'Dead';
    const dead = await cg('--describe', '--group', 'g1');
    expect(dead.out).to.equal("\nError: Consumer group 'g1' does not exist.\n");
  });

  it('--describe --members and --state', async () => {
    const m = await cg('--describe', '--group', 'g1', '--members', '--verbose');
    expect(m.out).to.equal(
      '\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT   '
      + '\ng1              consumer-1-abc  /127.0.0.1      c1              2               -               t:0,1                -               -                   '
      + '\n');
    const s = await cg('--describe', '--group', 'g1', '--state');
    const coordinator = `127.0.0.1:${b.port}  (1)`.padEnd(25);
    expect(s.out).to.equal(
      `\nGROUP           ${'COORDINATOR (ID)'.padEnd(coordinator.length)} ASSIGNMENT-STRATEGY  STATE                #MEMBERS`
      + `\ng1              ${coordinator} range                Stable               1\n`);
  });

  it('--list shows consumer groups only; --state adds the state column', async () => {
    expect((await cg('--list')).out).to.equal('g1\n');
    expect((await cg('--list', '--state')).out).to.equal(`${'GROUP'.padEnd(25)} ${'STATE'.padEnd(20)}\n${'g1'.padEnd(25)} ${'Stable'.padEnd(20)}\n`);
  });

  it('--reset-offsets refuses an active group', async () => {
    const r = await cg('--reset-offsets', '--group', 'g1', '--topic', 't', '--to-earliest', '--execute');
    expect(r.code).to.equal(1);
    expect(r.out).to.equal("\nError: Assignments can only be reset if the group 'g1' is inactive, but the current state is Stable.\n"
      + '\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n');
    expect(b.requestsFor(8)).to.have.length(0);
  });

  it('--reset-offsets --dry-run prints the plan without committing; --execute commits it', async () => {
    state = 'Empty';
    const plan = '\nGROUP           TOPIC           PARTITION  NEW-OFFSET\ng1              t               0          0\ng1              t               1          0\n';
    const dry = await cg('--reset-offsets', '--group', 'g1', '--topic', 't', '--to-earliest', '--dry-run');
    expect(dry.code).to.equal(0);
    expect(dry.out).to.equal(plan);
    expect(b.requestsFor(8)).to.have.length(0);
    const exec = await cg('--reset-offsets', '--group', 'g1', '--topic', 't', '--to-earliest', '--execute');
    expect(exec.out).to.equal(plan);
    expect(b.requestsFor(8)[0]).to.include({ groupId: 'g1', generationIdOrMemberEpoch: -1, memberId: '' });
    expect([...committed]).to.deep.equal([['t-0', 0], ['t-1', 0]]);
    const shifted = await cg('--reset-offsets', '--group', 'g1', '--all-topics', '--shift-by', '3', '--execute');
    expect(shifted.out).to.equal('\nGROUP           TOPIC           PARTITION  NEW-OFFSET\ng1              t               0          3\ng1              t               1          3\n');
    const missing = await cg('--reset-offsets', '--group', 'g1', '--topic', 't:7', '--to-latest', '--execute');
    expect(missing.code).to.equal(1);
    expect(missing.out).to.equal('\nError: Executing consumer group command failed due to The partitions "t-7" do not exist\n');
  });
});

describe('cli/console-consumer --group', () => {
  const warn = () => {};
  it('builds group consumer options from flags and consumer properties', () => {
    const p = buildConsumerPlan({
      bootstrapServer: 'h:1', topic: 't', group: 'g', fromBeginning: true,
      consumerProperty: ['heartbeat.interval.ms=500', 'session.timeout.ms=10000', 'enable.auto.commit=false', 'partition.assignment.strategy=roundrobin', 'group.instance.id=i1'],
    }, warn);
    expect(p.group).to.include({ groupId: 'g', autoOffsetReset: 'earliest', heartbeatIntervalMs: 500, sessionTimeoutMs: 10000, autoCommit: false, groupInstanceId: 'i1', bootstrap: 'h:1' });
    expect(p.group!.assignors).to.deep.equal(['roundrobin']);
    expect(buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', consumerProperty: ['group.id=g2'] }, warn).group).to.include({ groupId: 'g2', autoOffsetReset: 'latest' });
    expect(buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't' }, warn).group).to.equal(undefined);
  });

  it('refuses conflicting group options like kafka-console-consumer.sh', () => {
    expect(() => buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', group: 'g', partition: '0' }, warn)).to.throw(UsageError, 'Options group and partition cannot be specified together.');
    expect(() => buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', group: 'a', consumerProperty: ['group.id=b'] }, warn)).to.throw(UsageError, "Detected group ids: 'a', 'b'");
    expect(() => buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', group: 'g', fromBeginning: true, consumerProperty: ['auto.offset.reset=latest'] }, warn))
      .to.throw(UsageError, "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest'");
    expect(() => buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', group: 'g', consumerProperty: ['partition.assignment.strategy=sticky'] }, warn)).to.throw(UsageError, /unknown partition assignor/);
  });
});

describe('cli/console-consumer --group against a scripted broker', () => {
  let b: FakeBroker;
  const committed = new Map<string, number>();
  beforeEach(async () => {
    b = new FakeBroker();
    await b.start();
    b.withTopics({ t: 2 });
    committed.clear();
    b.handlers.set(18, () => ({ errorCode: 0, throttleTimeMs: 0, apiKeys: GROUP_KEYS.map((k) => ({ apiKey: k, minVersion: apiVersionRange(k)!.min, maxVersion: apiVersionRange(k)!.max })) }));
    b.handlers.set(10, (body) => ({
      throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: '127.0.0.1', port: b.port,
      coordinators: (body.coordinatorKeys ?? []).map((key: string) => ({ key, nodeId: 1, host: '127.0.0.1', port: b.port, errorCode: 0, errorMessage: null })),
    }));
    b.handlers.set(11, (body) => (body.memberId === ''
      ? { throttleTimeMs: 0, errorCode: 79, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: 'm-1', members: [] }
      : { throttleTimeMs: 0, errorCode: 0, generationId: 1, protocolType: 'consumer', protocolName: body.protocols[0].name, leader: 'm-1', skipAssignment: false, memberId: 'm-1',
        members: [{ memberId: 'm-1', groupInstanceId: null, metadata: body.protocols[0].metadata }] }));
    b.handlers.set(14, (body) => ({ throttleTimeMs: 0, errorCode: 0, protocolType: 'consumer', protocolName: 'range', assignment: body.assignments[0].assignment }));
    b.handlers.set(12, () => ({ throttleTimeMs: 0, errorCode: 0 }));
    b.handlers.set(13, (body) => ({ throttleTimeMs: 0, errorCode: 0, members: body.members.map((m: any) => ({ ...m, errorCode: 0 })) }));
    b.handlers.set(9, (body) => ({
      throttleTimeMs: 0,
      groups: body.groups.map((g: any) => ({ groupId: g.groupId, errorCode: 0, topics: g.topics.map((t: any) => ({
        name: t.name, partitions: t.partitionIndexes.map((p: number) => ({ partitionIndex: p, committedOffset: committed.get(`${t.name}-${p}`) ?? -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 })),
      })) })),
    }));
    b.handlers.set(8, (body) => {
      for (const t of body.topics) for (const p of t.partitions) committed.set(`${t.name}-${p.partitionIndex}`, p.committedOffset);
      return { throttleTimeMs: 0, topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 0 })) })) };
    });
    b.handlers.set(2, (body) => ({
      throttleTimeMs: 0,
      topics: body.topics.map((t: any) => ({ name: t.name, partitions: t.partitions.map((p: any) => ({ partitionIndex: p.partitionIndex, errorCode: 0, timestamp: -1, offset: p.timestamp === -2 ? 0 : 5, leaderEpoch: 0 })) })),
    }));
    const logs = [0, 1].map((p) => buildBatch(Array.from({ length: 5 }, (_, i) => ({ key: null, value: Buffer.from(`p${p}-${i}`), headers: [] })), { baseOffset: 0 }));
    b.handlers.set(1, (body) => ({
      throttleTimeMs: 0, errorCode: 0, sessionId: 0,
      responses: body.topics.map((t: any) => ({ topic: t.topic, partitions: t.partitions.map((p: any) => ({
        partitionIndex: p.partition, errorCode: 0, highWatermark: 5, lastStableOffset: 5, logStartOffset: 0, abortedTransactions: null, preferredReadReplica: -1,
        records: p.fetchOffset < 5 ? logs[p.partition] : null,
      })) })),
    }));
  });
  afterEach(async () => { await b.stop(); });

  it('prints records, then commits exactly what it printed and leaves the group', async () => {
    const r = await run(['console-consumer', '--bootstrap-server', b.bootstrap, '--topic', 't', '--group', 'g', '--from-beginning', '--max-messages', '3',
      '--consumer-property', 'heartbeat.interval.ms=100']);
    expect(r.err).to.equal('Processed a total of 3 messages\n');
    expect(r.code).to.equal(0);
    expect(r.out).to.equal('p0-0\np0-1\np0-2\n');
    expect([...committed].sort()).to.deep.equal([['t-0', 3], ['t-1', 0]]);
    expect(b.requestsFor(13)).to.have.length(1);
    expect(b.requestsFor(11).map((j) => j.memberId)).to.deep.equal(['', 'm-1']);
  });

  it('resumes from the committed offsets; --timeout-ms ends it when nothing more arrives', async () => {
    committed.set('t-0', 4);
    committed.set('t-1', 5);
    const r = await run(['console-consumer', '--bootstrap-server', b.bootstrap, '--topic', 't', '--group', 'g', '--timeout-ms', '300']);
    expect(r.code).to.equal(0);
    expect(r.out).to.equal('p0-4\n');
    expect(r.err).to.equal('Processed a total of 1 messages\n');
    expect(committed.get('t-0')).to.equal(5);
  });
});
