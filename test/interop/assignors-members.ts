// The (client, assignor) cases of the interop assignor tests, each member in its own process:
// kcat -G and confluent-kafka (librdkafka: range, roundrobin, cooperative-sticky) and
// kafka-python (RangePartitionAssignor, RoundRobinPartitionAssignor, StickyPartitionAssignor).
import { type Consumed, GroupMember } from './groups-members';
import { PYTHON, pyScript } from './run-tool';
import { expectedRange, expectedRoundRobin } from './assignors-checks';
import type { AssignorCase, ScenarioMember } from './assignors-scenario';

export const ASSIGNOR_SESSION_MS = 6000;
/** Short heartbeats: members learn of a rebalance at their next heartbeat. */
export const ASSIGNOR_HEARTBEAT_MS = 500;

type Kind = Pick<AssignorCase, 'rebalance' | 'expected' | 'sticky' | 'memberState'>;
const RANGE: Kind = { rebalance: 'eager', expected: expectedRange };
const ROUNDROBIN: Kind = { rebalance: 'eager', expected: expectedRoundRobin };

export interface AssignorClient { name: string; prefix: string; probe: [string, string[]]; cases: AssignorCase[] }

/**
 * kcat's rebalance messages on stderr ("% Group G rebalanced (memberid M): revoked: t [0], t [1]",
 * "% Group G rebalanced: incremental revoke of 1 partition(s) (memberid M, COOPERATIVE rebalance
 * protocol): t [2]") as "# ASSIGNED [..]" / "# REVOKED [..]" event lines.
 */
export function kcatRebalanceEvents(stderr: string): string[] {
  const out: string[] = [];
  for (const l of stderr.split('\n')) {
    const m = /^% Group .* rebalanced(?: \(memberid [^)]*\): (assigned|revoked): |: incremental (assignment|revoke) of \d+ partition\(s\) \(.*\): )(.*)$/.exec(l);
    if (!m) continue;
    const parts = [...m[3].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1])).sort((a, b) => a - b);
    out.push(`# ${m[1] === 'revoked' || m[2] === 'revoke' ? 'REVOKED' : 'ASSIGNED'} ${JSON.stringify(parts)}`);
  }
  return out;
}

/** A kcat -G process whose events are its rebalance messages. */
class KcatMember implements ScenarioMember {
  constructor(private readonly m: GroupMember) {}
  get name(): string { return this.m.name; }
  get records(): Consumed[] { return this.m.records; }
  get errorOutput(): string { return this.m.errorOutput; }
  get events(): string[] { return kcatRebalanceEvents(this.m.errorOutput); }
  stop(): ReturnType<GroupMember['stop']> { return this.m.stop(); }
  kill(): Promise<void> { return this.m.kill(); }
}

const KCAT_STDERR_FILTER = 'exec kcat "$@" 2> >(exec grep --line-buffered -v "^% Reached end of topic" >&2)';

function kcatCase(strategy: string, kind: Kind): AssignorCase {
  return {
    assignor: strategy, protocol: strategy, reportsRevokes: true, quietLeaveMs: 300, ...kind,
    // records are stored (and auto-committed every 5 s, on revoke and on close) once printed.
    // Without -q kcat reports rebalances on stderr, and also every end of partition (kcat -G turns
    // enable.partition.eof on), which a grep drops; exec keeps kcat the process that gets signals.
    start: (o) => new KcatMember(new GroupMember(o.clientId, 'bash', ['-c', KCAT_STDERR_FILTER, 'kcat',
      '-b', o.bootstrap, '-G', o.group, '-X', `partition.assignment.strategy=${strategy}`,
      '-X', 'auto.offset.reset=earliest', '-X', `client.id=${o.clientId}`,
      '-X', `session.timeout.ms=${ASSIGNOR_SESSION_MS}`, '-X', `heartbeat.interval.ms=${ASSIGNOR_HEARTBEAT_MS}`,
      '-X', 'log_level=3', '-u', '-f', '%p:%o:%k:%s:%h\\n', o.topic])),
  };
}

function pythonCase(script: string, assignor: string, protocol: string, kind: Kind): AssignorCase {
  return {
    assignor, protocol, reportsRevokes: true, ...kind,
    start: (o) => new GroupMember(o.clientId, PYTHON, [pyScript(script), 'member', '--bootstrap', o.bootstrap,
      '--topic', o.topic, '--group', o.group, '--client-id', o.clientId, '--assignor', assignor,
      '--session-ms', String(ASSIGNOR_SESSION_MS), '--heartbeat-ms', String(ASSIGNOR_HEARTBEAT_MS)]),
  };
}

const COOPERATIVE_STICKY: Kind = { rebalance: 'cooperative', sticky: true, memberState: 'owned-partitions' };

export const KCAT_ASSIGNORS: AssignorClient = {
  name: 'kcat -G -X partition.assignment.strategy=...', prefix: 'akc', probe: ['kcat', ['-V']],
  cases: [kcatCase('range', RANGE), kcatCase('roundrobin', ROUNDROBIN), kcatCase('cooperative-sticky', COOPERATIVE_STICKY)],
};

export const CONFLUENT_ASSIGNORS: AssignorClient = {
  name: 'confluent-kafka partition.assignment.strategy', prefix: 'ack', probe: [PYTHON, ['-c', 'import confluent_kafka']],
  cases: ['range', 'roundrobin', 'cooperative-sticky'].map((a) => pythonCase('assignors_confluent.py', a, a,
    a === 'range' ? RANGE : a === 'roundrobin' ? ROUNDROBIN : COOPERATIVE_STICKY)),
};

export const KAFKA_PYTHON_ASSIGNORS: AssignorClient = {
  name: 'kafka-python partition_assignment_strategy', prefix: 'akp',
  probe: [PYTHON, ['-c', 'from kafka.coordinator.assignors.sticky.sticky_assignor import StickyPartitionAssignor']],
  cases: [
    pythonCase('assignors_kafka_python.py', 'range', 'range', RANGE),
    pythonCase('assignors_kafka_python.py', 'roundrobin', 'roundrobin', ROUNDROBIN),
    // kafka-python's StickyPartitionAssignor is eager: it revokes everything, then reassigns stickily
    pythonCase('assignors_kafka_python.py', 'sticky', 'sticky', { rebalance: 'eager', sticky: true, memberState: 'sticky-user-data' }),
  ],
};
