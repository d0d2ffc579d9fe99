// Start-to-ready time of startBroker() (median of N, default 10): in-process (module already
// loaded), in-process in a fresh node process (require included), in-process with the workers
// layout, and child-process. Ready = startBroker() resolved: the broker accepts connections.
// node dist/bench/embedded-start.js [--runs N]
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { startBroker, type StartBrokerOptions } from '../src/index';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timeStarts(opts: StartBrokerOptions): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const b = await startBroker(opts);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await b.stop();
  }
  return out;
}

/** A fresh node process: from its start (performance.timeOrigin) to startBroker() resolved, require included. */
function timeColdStarts(): number[] {
  const entry = path.join(__dirname, '..', 'src', 'index.js');
  const script = `const { performance } = require('perf_hooks');
    require(${JSON.stringify(entry)}).startBroker().then(async (b) => {
      const ms = performance.now();
      await b.stop();
      process.stdout.write(String(ms));
    });`;
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) out.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return out;
}

async function main(): Promise<void> {
  const rows: [string, number[]][] = [];
  rows.push(['in-process (single layout, default)', await timeStarts({})]);
  rows.push(['in-process, fresh node process (require + start)', timeColdStarts()]);
  rows.push(['in-process, workers layout 1×1', await timeStarts({ overrides: { 'samsa.threading': 'workers' } })]);
  rows.push(['child-process (spawn to ready)', await timeStarts({ mode: 'child-process' })]);
  console.log(`startBroker() start-to-ready, median of ${RUNS} (node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'})`);
  for (const [name, xs] of rows) {
    console.log(`${name.padEnd(50)} ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
