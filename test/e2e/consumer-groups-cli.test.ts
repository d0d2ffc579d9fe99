// Consumer groups end to end with samsa's own tools as child processes: two console
// consumers share a topic exactly once, consumer-groups --describe shows offsets and lag,
// --reset-offsets rewinds the group. Skipped while the broker does not offer JoinGroup.
import { expect } from 'chai';
import { spawn } from 'child_process';
import { join, resolve } from 'path';
import { Connection } from '../../src/client/connection';
import { startTestBroker, type TestBroker } from '../helpers/broker';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/samsa.js');
const JOIN_GROUP = 11;

function run(args: string[], stdin = '', timeoutMs = 60_000): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); fail(new Error(`samsa ${args.join(' ')} timed out\n${err}`)); }, timeoutMs);
    p.on('close', (code) => { clearTimeout(timer); done({ code, out, err }); });
    p.stdin.end(stdin);
  });
}

interface Row { topic: string; partition: number; current: number | null; logEnd: number | null; lag: number | null; consumer: string }

/** Data rows of `consumer-groups --describe` (offsets view). */
function describeRows(out: string, group: string): Row[] {
  const num = (s: string) => (s === '-' ? null : Number(s));
  return out.split('\n').filter((l) => l.startsWith(`${group} `)).map((l) => {
    const c = l.trim().split(/\s+/);
    return { topic: c[1], partition: Number(c[2]), current: num(c[3]), logEnd: num(c[4]), lag: num(c[5]), consumer: c[6] };
  }).sort((a, b) => a.partition - b.partition);
}

describe('e2e: consumer groups with the command line tools', function () {
  this.timeout(240_000);
  let broker: TestBroker | undefined;
  let bootstrap = '';
  const topic = 'cg-e2e';
  const group = 'cg-e2e-group';

  before(async function () {
    broker = await startTestBroker({ 'num.io.threads': 2 });
    bootstrap = broker.bootstrap;
    const c = new Connection({ host: '127.0.0.1', port: broker.port, clientId: 'e2e-probe' });
    let groups = false;
    try { await c.connect(); groups = c.supports(JOIN_GROUP); } finally { await c.close(); }
    if (!groups) this.skip();
  });

  after(async () => { if (broker) await broker.cleanup(); });

  const cg = (...args: string[]) => run(['consumer-groups', '--bootstrap-server', bootstrap, ...args]);
  const produce = async (from: number, count: number) => {
    const lines = Array.from({ length: count }, (_, i) => `k${from + i}:v${from + i}`).join('\n');
    const r = await run(['console-producer', '--bootstrap-server', bootstrap, '--topic', topic, '--property', 'parse.key=true', '--property', 'key.separator=:'], `${lines}\n`);
    expect(r.err).to.equal('');
    expect(r.code).to.equal(0);
  };
  const describe_ = async () => {
    const r = await cg('--describe', '--group', group);
    expect(r.code, r.out + r.err).to.equal(0);
    return describeRows(r.out, group);
  };

  it('two console consumers in one group read 2,000 records exactly once between them; describe shows lag 0', async () => {
    const created = await run(['topics', '--bootstrap-server', bootstrap, '--create', '--topic', topic, '--partitions', '4']);
    expect(created.code, created.err).to.equal(0);
    await produce(0, 2000);

    const consumer = () => run(['console-consumer', '--bootstrap-server', bootstrap, '--topic', topic, '--group', group, '--from-beginning',
      '--timeout-ms', '12000', '--consumer-property', 'heartbeat.interval.ms=500', '--consumer-property', 'session.timeout.ms=10000',
      '--consumer-property', 'auto.commit.interval.ms=1000'], '', 120_000);
    const [a, b] = await Promise.all([consumer(), consumer()]);
    expect(a.code, a.err).to.equal(0);
    expect(b.code, b.err).to.equal(0);
    const values = [...a.out.split('\n'), ...b.out.split('\n')].filter(Boolean);
    expect(values).to.have.length(2000);
    expect(new Set(values).size).to.equal(2000);
    expect(values.every((v) => /^v\d+$/.test(v))).to.equal(true);

    const list = await cg('--list');
    expect(list.out.split('\n')).to.include(group);

    const rows = await describe_();
    expect(rows.map((r) => r.partition)).to.deep.equal([0, 1, 2, 3]);
    for (const r of rows) {
      expect(r.topic).to.equal(topic);
      expect(r.lag, `partition ${r.partition}`).to.equal(0);
      expect(r.current).to.equal(r.logEnd);
      expect(r.consumer).to.equal('-');
    }
    expect(rows.reduce((s, r) => s + r.current!, 0)).to.equal(2000);
  });

  it('100 more records show as a total lag of 100', async () => {
    await produce(2000, 100);
    const rows = await describe_();
    expect(rows).to.have.length(4);
    expect(rows.reduce((s, r) => s + r.lag!, 0)).to.equal(100);
  });

  it('--reset-offsets --to-earliest --execute rewinds the inactive group to offset 0', async () => {
    const r = await cg('--reset-offsets', '--group', group, '--topic', topic, '--to-earliest', '--execute');
    expect(r.code, r.out + r.err).to.equal(0);
    const plan = r.out.split('\n').filter((l) => l.startsWith(`${group} `)).map((l) => l.trim().split(/\s+/));
    expect(plan.map((c) => [c[1], Number(c[2]), Number(c[3])])).to.deep.equal([0, 1, 2, 3].map((p) => [topic, p, 0]));
    const rows = await describe_();
    expect(rows.map((row) => row.current)).to.deep.equal([0, 0, 0, 0]);
    expect(rows.reduce((s, row) => s + row.lag!, 0)).to.equal(2100);
  });
});
