// Consumer-group members for the interop group tests, each in its own process: kcat -G,
// group_kafka_python.py, group_confluent.py. A member prints one digest line per consumed record
// ("partition:offset:key:value:headers") and, for the Python scripts, "# EVENT {json}" lines
// (see py/group_common.py); GroupMember collects both as they arrive.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'child_process';
import { parseLine } from './records';
import { PYTHON, pyScript, runTool } from './run-tool';

/** Session timeout and heartbeat interval every member is configured with. */
export const SESSION_MS = 6000;
export const HEARTBEAT_MS = 2000;
/**
 * kcat commits with librdkafka's auto commit, every 5 s (the default) and on close. kcat -X
 * cannot change it: kcat tries a name as a topic property first, and auto.commit.interval.ms is
 * also the legacy consumer's topic property, which the balanced consumer ignores.
 */
export const KCAT_COMMIT_INTERVAL_MS = 5000;

export interface Consumed { partition: number; offset: number; line: string; at: number }
export interface CommitEvent { at: number; offsets: Map<number, number> }

export interface MemberOptions { bootstrap: string; topic: string; group: string; clientId: string }

const live = new Set<ChildProcess>();
process.once('exit', () => { for (const p of live) p.kill('SIGKILL'); });

export class GroupMember {
  readonly records: Consumed[] = [];
  /** COMMITTING: offsets about to be committed (Python members only). */
  readonly attempts: CommitEvent[] = [];
  /** COMMITTED: offsets the client reported as committed (acknowledged). */
  readonly commits: CommitEvent[] = [];
  readonly commitFailures: string[] = [];
  readonly events: string[] = [];
  private readonly proc: ChildProcess;
  private partial = '';
  private stderr = '';
  private readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(readonly name: string, cmd: string, args: string[]) {
    this.proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.proc);
    this.proc.stdout!.on('data', (c: Buffer) => this.onData(c.toString('utf8')));
    this.proc.stderr!.on('data', (c: Buffer) => { if (this.stderr.length < 1 << 20) this.stderr += c.toString('utf8'); });
    this.closed = new Promise((resolve) => this.proc.once('close', (code, signal) => {
      live.delete(this.proc);
      // An unterminated last line: complete output of a process that exited by itself, but a
      // line cut short when a signal ended the process mid-write (kcat -u writes a record line
      // in several writes). A cut line is a record the member read but never reported, the
      // same as one it read and had not printed yet, so it is dropped, not parsed.
      const tail = this.partial;
      this.partial = '';
      if (tail) {
        if (signal) this.cutTail = tail;
        else this.onLine(tail);
      }
      resolve({ code, signal });
      this.notify();
    }));
  }

  /** The unterminated line a signal cut short, if any (not counted as a record). */
  cutTail: string | undefined;
  /** Complete output lines that were not digests or events (a test expects none). */
  readonly badLines: string[] = [];

  private onData(s: string): void {
    const lines = (this.partial + s).split('\n');
    this.partial = lines.pop()!;
    for (const l of lines) if (l) this.onLine(l);
    this.notify();
  }

  private onLine(l: string): void {
    const at = Date.now();
    // Output handlers run from stream events: a line that does not parse is kept for the test
    // to report, never thrown (a throw here would be uncaught and leave the member's waiters hanging).
    if (!l.startsWith('# ')) {
      let r: ReturnType<typeof parseLine>;
      try { r = parseLine(l); } catch { this.badLines.push(l); return; }
      this.records.push({ partition: r.partition, offset: r.offset, line: l, at });
      return;
    }
    const sp = l.indexOf(' ', 2);
    const kind = sp < 0 ? l.slice(2) : l.slice(2, sp);
    let body: any = null;
    if (sp >= 0) {
      try { body = JSON.parse(l.slice(sp + 1)); } catch { this.badLines.push(l); return; }
    }
    this.events.push(l);
    const offsets = (o: Record<string, number>) => new Map(Object.entries(o).map(([p, n]) => [Number(p), n]));
    if (kind === 'COMMITTING') this.attempts.push({ at, offsets: offsets(body) });
    else if (kind === 'COMMITTED') this.commits.push({ at, offsets: offsets(body) });
    else if (kind === 'COMMIT_FAILED') this.commitFailures.push(l);
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  get running(): boolean { return this.proc.exitCode === null && this.proc.signalCode === null; }
  get pid(): number | undefined { return this.proc.pid; }
  /** The end of what the process wrote on stderr, for failure messages. */
  get errorOutput(): string { return this.stderr.slice(-3000); }

  /** Resolves once cond() holds (checked whenever output arrives); rejects after timeoutMs or if the process ends first. */
  async until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!cond()) {
      if (!this.running) throw new Error(`${this.name} ended before ${what}:\n${this.errorOutput}`);
      const left = end - Date.now();
      if (left <= 0) throw new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Last acknowledged commit per partition. */
  lastCommitted(): Map<number, number> { return lastOf(this.commits); }
  /** Last attempted commit per partition. */
  lastAttempted(): Map<number, number> { return lastOf(this.attempts); }

  /** SIGTERM (the client closes and leaves the group); SIGKILL if it has not ended after timeoutMs. */
  async stop(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const r = await this.closed;
    clearTimeout(t);
    return r;
  }

  async kill(): Promise<void> {
    if (this.running) this.proc.kill('SIGKILL');
    await this.closed;
  }
}

function lastOf(events: CommitEvent[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of events) for (const [p, o] of e.offsets) out.set(p, Math.max(o, out.get(p) ?? -1));
  return out;
}

/** Holds the members a test started, so that after() can end whatever is still running. */
export class Started {
  readonly members: GroupMember[] = [];
  add(m: GroupMember): GroupMember { this.members.push(m); return m; }
  async killAll(): Promise<void> { await Promise.all(this.members.map((m) => m.kill())); }
}

/** SIGTERM every member and expect a clean exit (the client closed and left the group). */
export async function stopAll(members: GroupMember[]): Promise<void> {
  const results = await Promise.all(members.map((m) => m.stop()));
  results.forEach((r, i) => expect(r, `${members[i].name} exit after SIGTERM:\n${members[i].errorOutput}`).to.deep.equal({ code: 0, signal: null }));
}

/** One client's way of starting group members. */
export interface GroupClient {
  /** describe() title */
  name: string;
  /** topic and group name prefix */
  prefix: string;
  /** Throws unless the client can be run. */
  probe(): Promise<void>;
  member(o: MemberOptions): GroupMember;
  /** Whether members report their commits (COMMITTING/COMMITTED lines). */
  reportsCommits: boolean;
  /** How the client commits, for the report. */
  commitMode: string;
}

async function mustRun(cmd: string, args: string[], what: string): Promise<void> {
  const r = await runTool(cmd, args, { timeoutMs: 60_000 }).catch((err) => ({ code: -1, stdout: '', stderr: String(err) }));
  if (r.code !== 0) throw new Error(`${what} is not usable:\n${r.stderr}`);
}

export const KCAT_CLIENT: GroupClient = {
  name: 'kcat -G',
  prefix: 'gkc',
  reportsCommits: false,
  commitMode: `librdkafka auto commit every ${KCAT_COMMIT_INTERVAL_MS} ms and on close`,
  probe: () => mustRun('kcat', ['-V'], 'kcat'),
  // kcat -G does not stop at the end of the topic by itself: the tests read until every record
  // arrived and then end it (SIGTERM: it closes the consumer, committing and leaving the group).
  member: (o) => new GroupMember(o.clientId, 'kcat', [
    '-b', o.bootstrap, '-G', o.group, '-X', 'auto.offset.reset=earliest', '-X', `client.id=${o.clientId}`,
    '-X', `session.timeout.ms=${SESSION_MS}`, '-X', `heartbeat.interval.ms=${HEARTBEAT_MS}`,
    '-X', 'log_level=3',
    '-u', '-q', '-f', '%p:%o:%k:%s:%h\\n', o.topic]),
};

function pythonClient(name: string, prefix: string, script: string, probe: string, commitMode: string): GroupClient {
  return {
    name, prefix, commitMode, reportsCommits: true,
    probe: () => mustRun(PYTHON, ['-c', probe], name),
    member: (o) => new GroupMember(o.clientId, PYTHON, [pyScript(script), 'member', '--bootstrap', o.bootstrap,
      '--topic', o.topic, '--group', o.group, '--client-id', o.clientId,
      '--session-ms', String(SESSION_MS), '--heartbeat-ms', String(HEARTBEAT_MS)]),
  };
}

export const KAFKA_PYTHON_CLIENT = pythonClient('kafka-python KafkaConsumer(group_id=...)', 'gkp', 'group_kafka_python.py',
  'import kafka', 'commit(offsets) after every poll (synchronous)');
export const CONFLUENT_CLIENT = pythonClient('confluent-kafka Consumer(group.id, subscribe())', 'gck', 'group_confluent.py',
  'import confluent_kafka', 'commit(offsets, asynchronous=False) after every consume()');
