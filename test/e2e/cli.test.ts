// The command line tools against a real broker, all as child processes.
import { expect } from 'chai';
import { spawn, ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { partitionForKey } from '../../src/client/partitioner';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/samsa.js');

function run(args: string[], stdin = '', timeoutMs = 30_000): Promise<{ code: number | null; out: string; err: string }> {
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

describe('e2e: samsa command line tools', function () {
  this.timeout(120_000);
  let server: ChildProcess;
  let serverErr = '';
  let bootstrap = '';
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'samsa-cli-e2e-'));
    server = spawn(process.execPath, [BIN, 'server', 'start', join(ROOT, 'config/server.properties'),
      '--override', 'listeners=PLAINTEXT://127.0.0.1:0', '--override', `log.dirs=${dir}`, '--override', 'num.partitions=2'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.resume();
    bootstrap = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`broker did not start:\n${serverErr}`)), 30_000);
      server.stderr!.on('data', (d) => {
        serverErr += d;
        for (const line of serverErr.split('\n')) {
          if (!line.includes('samsa started')) continue;
          try {
            const j = JSON.parse(line);
            if (j.bootstrap) { clearTimeout(timer); ok(j.bootstrap); return; }
          } catch { /* partial line */ }
        }
      });
      server.on('exit', (code) => fail(new Error(`broker exited with ${code}:\n${serverErr}`)));
    });
  });

  after(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const topic = 'cli-e2e';

  it('creates, lists and describes a topic', async () => {
    const c = await run(['topics', '--bootstrap-server', bootstrap, '--create', '--topic', topic, '--partitions', '3',
      '--replication-factor', '1', '--config', 'retention.ms=3600000']);
    expect(c.err).to.equal('');
    expect(c.code).to.equal(0);
    expect(c.out).to.equal(`Created topic ${topic}.\n`);

    const dup = await run(['topics', '--bootstrap-server', bootstrap, '--create', '--topic', topic]);
    expect(dup.code).to.equal(1);
    expect(dup.err).to.include('TOPIC_ALREADY_EXISTS');
    const quiet = await run(['topics', '--bootstrap-server', bootstrap, '--create', '--topic', topic, '--if-not-exists']);
    expect(quiet.code).to.equal(0);

    const l = await run(['topics', '--bootstrap-server', bootstrap, '--list']);
    expect(l.code).to.equal(0);
    expect(l.out.split('\n')).to.include(topic);

    const d = await run(['topics', '--bootstrap-server', bootstrap, '--describe', '--topic', topic]);
    expect(d.code).to.equal(0);
    const lines = d.out.trim().split('\n');
    expect(lines[0]).to.match(new RegExp(`^Topic: ${topic}\\tTopicId: [A-Za-z0-9_-]{22}\\tPartitionCount: 3\\tReplicationFactor: 1\\tConfigs: .*retention\\.ms=3600000`));
    expect(lines.slice(1)).to.have.length(3);
    lines.slice(1).forEach((line, i) => expect(line).to.match(new RegExp(`^\\tTopic: ${topic}\\tPartition: ${i}\\tLeader: \\d+\\tReplicas: \\d+\\tIsr: \\d+$`)));
  });

  it('produces 1,000 keyed lines and consumes them back from the beginning', async () => {
    const input = Array.from({ length: 1000 }, (_, i) => `key-${i % 37}:value-${i}`);
    const p = await run(['console-producer', '--bootstrap-server', bootstrap, '--topic', topic,
      '--property', 'parse.key=true', '--property', 'key.separator=:', '--compression-codec', 'lz4'], input.join('\n') + '\n');
    expect(p.err).to.equal('');
    expect(p.code).to.equal(0);

    const c = await run(['console-consumer', '--bootstrap-server', bootstrap, '--topic', topic, '--from-beginning',
      '--max-messages', '1000', '--timeout-ms', '20000',
      '--property', 'print.key=true', '--property', 'key.separator=:', '--property', 'print.partition=true']);
    expect(c.code).to.equal(0);
    expect(c.err).to.include('Processed a total of 1000 messages');
    const lines = c.out.trim().split('\n');
    expect(lines).to.have.length(1000);
    const got: string[] = [];
    const byKey = new Map<string, number[]>();
    for (const line of lines) {
      // Partition:<n><sep><key><sep><value>, with key.separator ':'
      const m = /^Partition:(\d+):([^:]*):(.*)$/.exec(line);
      expect(m, line).to.not.equal(null);
      const [, pn, k, v] = m!;
      expect(Number(pn), k).to.equal(partitionForKey(Buffer.from(k), 3));
      got.push(`${k}:${v}`);
      const idx = Number(v.slice('value-'.length));
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k)!.push(idx);
    }
    expect([...got].sort()).to.deep.equal([...input].sort());
    // per key (one partition each), records come back in the order they were produced
    for (const [k, idxs] of byKey) expect(idxs, k).to.deep.equal([...idxs].sort((a, b) => a - b));
  });

  it('consumes one partition from an explicit offset and stops at --timeout-ms', async () => {
    const c = await run(['console-consumer', '--bootstrap-server', bootstrap, '--topic', topic, '--partition', '0',
      '--offset', '5', '--timeout-ms', '1500', '--property', 'print.offset=true']);
    expect(c.code).to.equal(0);
    const offsets = c.out.trim().split('\n').map((l) => Number(/^Offset:(\d+)\t/.exec(l)![1]));
    expect(offsets[0]).to.equal(5);
    offsets.forEach((o, i) => expect(o).to.equal(5 + i));
    expect(c.err).to.include(`Processed a total of ${offsets.length} messages`);
  });

  it('alters the partition count, then deletes the topic', async () => {
    const a = await run(['topics', '--bootstrap-server', bootstrap, '--alter', '--topic', topic, '--partitions', '4']);
    expect(a.err).to.equal('');
    expect(a.code).to.equal(0);
    const d = await run(['topics', '--bootstrap-server', bootstrap, '--describe', '--topic', topic]);
    expect(d.out).to.include('PartitionCount: 4');

    const del = await run(['topics', '--bootstrap-server', bootstrap, '--delete', '--topic', topic]);
    expect(del.err).to.equal('');
    expect(del.code).to.equal(0);
    const l = await run(['topics', '--bootstrap-server', bootstrap, '--list']);
    expect(l.out.split('\n')).to.not.include(topic);
    const again = await run(['topics', '--bootstrap-server', bootstrap, '--delete', '--topic', topic]);
    expect(again.code).to.equal(1);
    expect(again.err).to.include('does not exist');
  });

  it('the broker stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
