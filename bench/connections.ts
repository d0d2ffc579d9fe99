// 10,000 concurrent connections: broker memory per idle connection (RSS delta / connections,
// after each connection did ApiVersions + Metadata) and the latency of one active producer
// (`samsa perf produce --throughput R`) without and with them open; samsa and the null sink.
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { BenchClient, ReadinessProbe } from './bench-client';
import { fdCount, fmt1, fmt2, fmtInt, log, quiet, rssBytes, sleep, type Ctx } from './measure';
import { perfCommand, runPerf, type Latency } from './perf-tool';
import { LAYOUTS, startNullSinkTarget, startSamsaTarget, type Target } from './targets';

export interface ConnOptions { layout: string; count: number; rate: number; seconds: number }

export function connOptions(quick: boolean, layout: string): ConnOptions {
  return { layout, count: 10_000, rate: 10_000, seconds: quick ? 3 : 8 };
}

interface Active { latency: Latency | null; achieved: number; note?: string }

export interface ConnRow {
  target: string; requested: number; answered: number; failed: number; errors: Record<string, number>; openMs: number;
  rssBefore: number; rssWith: number; rssAfterClose: number; fdsBefore: number; fdsWith: number;
  without: Active; with: Active; aliveAfter: boolean; detail?: string;
}

export interface ConnResult { rows: ConnRow[]; activeCommand: string; idleCommand: string; samsaCommand: string }

const IDLE_SCRIPT = path.join(__dirname, 'idle-conns.js');
const RAISE = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';

/** Starts the idle-connection generator; resolves with its "open" report and a way to close them. */
function openIdle(bootstrap: string, count: number): Promise<{ report: { answered: number; failed: number; open: number; ms: number; errors: Record<string, number> }; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('bash', ['-c', RAISE, process.execPath, IDLE_SCRIPT, '--bootstrap', bootstrap, '--count', String(count)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => { err = (err + s).slice(-4000); });
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const msg = JSON.parse(line);
        if (msg.event === 'open') {
          resolve({
            report: msg,
            close: () => new Promise<void>((res) => {
              child.once('exit', () => res());
              child.stdin!.write('close\n');
              setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
            }),
          });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`idle-conns exited ${code} before opening: ${err}`)));
  });
}

async function active(ctx: Ctx, o: ConnOptions, bootstrap: string, topic: string): Promise<Active> {
  await quiet(ctx);
  const run = await runPerf(activeArgs(o, bootstrap, topic));
  const r = run.result;
  const note = r === null ? `samsa perf exited ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}` : r.complete ? undefined : `${r.records} of ${r.expected} records (${JSON.stringify(r.errorsByCode)})`;
  return { latency: r?.latencyMs ?? null, achieved: r?.recordsPerSec ?? NaN, note };
}

function activeArgs(o: ConnOptions, bootstrap: string, topic: string): string[] {
  return ['produce', '--bootstrap-server', bootstrap, '--topic', topic, '--num-records', String(o.rate * o.seconds), '--throughput', String(o.rate),
    '--record-size', '100', '--acks', '1', '--json'];
}

async function scenario(ctx: Ctx, o: ConnOptions, target: Target, client?: BenchClient): Promise<ConnRow> {
  const topic = 'conn-active';
  if (client) await client.createTopics([topic], 8);
  await runPerf(activeArgs({ ...o, seconds: 2 }, target.bootstrap, topic)); // warm-up
  const without = await active(ctx, o, target.bootstrap, topic);
  await sleep(1000);
  const rssBefore = rssBytes(target.pid);
  const fdsBefore = fdCount(target.pid);
  log(ctx, `  ${target.name}: RSS ${(rssBefore / 2 ** 20).toFixed(1)} MiB, ${fdsBefore} fds; active producer p50 ${fmt2(without.latency?.p50 ?? NaN)} ms, p99 ${fmt2(without.latency?.p99 ?? NaN)} ms; opening ${fmtInt(o.count)} connections`);
  const idle = await openIdle(target.bootstrap, o.count);
  await sleep(2000);
  const rssWith = rssBytes(target.pid);
  const fdsWith = fdCount(target.pid);
  const rep = idle.report;
  log(ctx, `  ${target.name}: ${rep.answered} answered, ${rep.failed} failed in ${rep.ms} ms; RSS ${(rssWith / 2 ** 20).toFixed(1)} MiB ` +
    `(+${((rssWith - rssBefore) / Math.max(1, rep.answered) / 1024).toFixed(1)} KiB per connection), ${fdsWith} fds${rep.failed ? `; errors ${JSON.stringify(rep.errors)}` : ''}`);
  const withConns = await active(ctx, o, target.bootstrap, topic);
  log(ctx, `  ${target.name}: active producer with ${rep.open} idle connections: p50 ${fmt2(withConns.latency?.p50 ?? NaN)} ms, p99 ${fmt2(withConns.latency?.p99 ?? NaN)} ms${withConns.note ? ` FAILED: ${withConns.note}` : ''}`);
  await idle.close();
  await sleep(2000);
  const [host, port] = target.bootstrap.split(':');
  const probe = new ReadinessProbe(host, Number(port));
  const stage = client ? await probe.probe({ topics: [topic], partitions: 8, endOffset: -1 }) : 'metadata';
  probe.close();
  const aliveAfter = (target.alive?.() ?? true) && stage !== 'down';
  return {
    target: target.name, requested: o.count, answered: rep.answered, failed: rep.failed, errors: rep.errors, openMs: rep.ms,
    rssBefore, rssWith, rssAfterClose: rssBytes(target.pid), fdsBefore, fdsWith, without, with: withConns, aliveAfter,
    detail: aliveAfter ? undefined : `after closing: ${probe.detail || 'process gone'}`,
  };
}

export async function runConnections(ctx: Ctx, o: ConnOptions): Promise<ConnResult> {
  const rows: ConnRow[] = [];
  const samsa = await startSamsaTarget(LAYOUTS[o.layout], path.join(ctx.tmpRoot, 'data-conns'), 8, [], { raiseFdLimit: true });
  ctx.live.add(samsa);
  const client = new BenchClient(samsa.bootstrap);
  try {
    rows.push(await scenario(ctx, o, samsa, client));
  } catch (err) {
    log(ctx, `--- ${samsa.name} log tail:\n${samsa.logTail()}`);
    throw err;
  } finally {
    await client.close().catch(() => undefined);
    await samsa.stop();
    ctx.live.delete(samsa);
  }
  const sink = await startNullSinkTarget(8);
  ctx.live.add(sink);
  try {
    rows.push(await scenario(ctx, o, sink));
  } finally {
    await sink.stop();
    ctx.live.delete(sink);
  }
  return {
    rows, activeCommand: perfCommand(activeArgs(o, '$BOOTSTRAP', 'conn-active')),
    idleCommand: `bash -c 'ulimit -n 65536; exec node dist/bench/idle-conns.js --bootstrap $BOOTSTRAP --count ${o.count}'`, samsaCommand: samsa.command,
  };
}

export function connectionsMarkdown(r: ConnResult, o: ConnOptions): string {
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  const lat = (a: Active) => (a.latency ? `${fmt2(a.latency.p50)} / ${fmt2(a.latency.p99)} / ${fmt2(a.latency.p999)} / ${fmt1(a.latency.max)}` : `n/a${a.note ? ` (${a.note})` : ''}`);
  const lines = [
    `${fmtInt(o.count)} connections from one Node process (256 opening at a time), each sends ApiVersions v3, then Metadata v12 (all topics) after the answer, then stays idle. ` +
    `Memory per connection = (broker RSS 2 s after all answered − RSS before) / answered connections. The active client is one \`samsa perf produce\` at ${fmtInt(o.rate)} records/s ` +
    `(100 B, acks=1, 8 partitions, ${o.seconds} s) run before opening them and again while they are open; latency = ack time − due send time.`,
    '',
    '| broker | connections answered (failed) | time to open all | RSS before → with | **KiB per idle connection** | fds before → with | active p50 / p99 / p99.9 / max ms without | with the idle connections | serving after they closed |',
    '|---|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const x of r.rows) {
    lines.push(`| ${x.target} | ${fmtInt(x.answered)}${x.failed ? ` (${x.failed} failed: ${JSON.stringify(x.errors)})` : ''} | ${(x.openMs / 1000).toFixed(1)} s | ${mib(x.rssBefore)} → ${mib(x.rssWith)} MiB | ` +
      `**${((x.rssWith - x.rssBefore) / Math.max(1, x.answered) / 1024).toFixed(1)}** | ${x.fdsBefore} → ${x.fdsWith} | ${lat(x.without)} | ${lat(x.with)} | ${x.aliveAfter ? 'yes' : `NO: ${x.detail}`} (RSS ${mib(x.rssAfterClose)} MiB) |`);
  }
  lines.push('', '```sh', r.samsaCommand, r.idleCommand, r.activeCommand, '```');
  return lines.join('\n');
}
