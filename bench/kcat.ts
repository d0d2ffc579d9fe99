// kcat as the load generator: produce a file of key:value lines, consume a topic to its end,
// make sure a topic exists, read end offsets. Timings are wall clock from spawn to exit.
import { execFile, spawn } from 'child_process';
import { reapedChildrenCpuSeconds } from './sys';

export interface ProduceRun { seconds: number; kcatCpu: number; code: number | null; stderr: string; args: string[] }
export interface ConsumeRun { seconds: number; kcatCpu: number; code: number | null; stderr: string; lines: number; args: string[] }

export interface ProduceOptions {
  bootstrap: string; topic: string; file: string; acks: number; queueMessages: number;
  /** compression.codec (default none) */
  compression?: string;
  /** stop after this many records (kcat -c) */
  limit?: number;
}

export function produceArgs(o: ProduceOptions): string[] {
  const args = ['-P', '-b', o.bootstrap, '-t', o.topic, '-K', ':', '-l',
    '-X', 'linger.ms=5', '-X', 'batch.num.messages=10000', '-X', `queue.buffering.max.messages=${o.queueMessages}`,
    '-X', `acks=${o.acks}`];
  if (o.compression && o.compression !== 'none') args.push('-z', o.compression);
  if (o.limit !== undefined) args.push('-c', String(o.limit));
  args.push(o.file);
  return args;
}

export function consumeArgs(bootstrap: string, topic: string): string[] {
  return ['-C', '-b', bootstrap, '-t', topic, '-e', '-o', 'beginning', '-q'];
}

/** Runs kcat -P; kcat waits for every delivery report and exits 1 if any delivery failed. */
export function kcatProduce(o: ProduceOptions): Promise<ProduceRun> {
  const args = produceArgs(o);
  return new Promise((resolve, reject) => {
    const cpu0 = reapedChildrenCpuSeconds();
    const t0 = process.hrtime.bigint();
    const child = spawn('kcat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { if (stderr.length < 20000) stderr += s; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      resolve({ seconds, kcatCpu: reapedChildrenCpuSeconds() - cpu0, code, stderr, args });
    });
  });
}

/** Runs kcat -C -e -o beginning -q and counts the lines it prints (one per record: values hold no newline). */
export function kcatConsume(bootstrap: string, topic: string): Promise<ConsumeRun> {
  const args = consumeArgs(bootstrap, topic);
  return new Promise((resolve, reject) => {
    const cpu0 = reapedChildrenCpuSeconds();
    const t0 = process.hrtime.bigint();
    const child = spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { if (stderr.length < 20000) stderr += s; });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      resolve({ seconds, kcatCpu: reapedChildrenCpuSeconds() - cpu0, code, stderr, lines, args });
    });
  });
}

function run(args: string[], timeoutMs = 15000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kcat', args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Asks for the topic's metadata (which auto-creates it on samsa) until it reports `partitions` partitions. */
export async function ensureTopic(bootstrap: string, topic: string, partitions: number, timeoutMs = 20000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const r = await run(['-L', '-b', bootstrap, '-t', topic, '-m', '5']);
    const m = /topic "[^"]+" with (\d+) partitions/.exec(r.stdout);
    if (m && Number(m[1]) === partitions && !/Broker: Leader not available|error/i.test(r.stdout)) return;
    last = `${r.stdout}${r.stderr}`.trim();
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`topic ${topic} did not come up with ${partitions} partitions: ${last}`);
}

/** Sum over partitions of the end offsets (kcat -Q with timestamp -1). */
export async function endOffsetSum(bootstrap: string, topic: string, partitions: number): Promise<number> {
  const args = ['-Q', '-b', bootstrap];
  for (let p = 0; p < partitions; p++) args.push('-t', `${topic}:${p}:-1`);
  const r = await run(args);
  let sum = 0;
  let seen = 0;
  for (const m of r.stdout.matchAll(/\[(\d+)\] offset (-?\d+)/g)) { sum += Number(m[2]); seen++; }
  if (seen !== partitions) throw new Error(`kcat -Q answered for ${seen} of ${partitions} partitions: ${r.stdout}${r.stderr}`);
  return sum;
}
