// Load generator for idle connections: opens N TCP connections to a broker, each sends one
// ApiVersions (v3) and, once answered, one Metadata (v12, all topics) request, then sits idle
// until told to close. Started by bench/connections.ts through `bash -c 'ulimit -n …; exec node …'`.
//   node dist/bench/idle-conns.js --bootstrap 127.0.0.1:9092 --count 10000 [--concurrency 256]
// Protocol on stdin/stdout, one JSON object a line: it prints {"event":"open", …} when every
// connection has had both answers (or failed), reads "close\n" on stdin, closes every socket and
// prints {"event":"closed", …}. Progress goes to stderr.
import * as net from 'net';
import { ApiKey } from '../src/protocol/apis';
import { encodeRequestFrame } from '../src/protocol/header';

interface Opts { host: string; port: number; count: number; concurrency: number; timeoutMs: number }

function parse(argv: string[]): Opts {
  const get = (n: string, d: string) => { const i = argv.indexOf(n); return i >= 0 ? argv[i + 1] : d; };
  const [host, port] = get('--bootstrap', '127.0.0.1:9092').split(':');
  return { host, port: Number(port), count: Number(get('--count', '10000')), concurrency: Number(get('--concurrency', '256')), timeoutMs: Number(get('--timeout-ms', '60000')) };
}

const concat = (bufs: Buffer[]) => Buffer.concat(bufs);
const API_VERSIONS = concat(encodeRequestFrame(ApiKey.ApiVersions, 3, 1, 'idle-conns', { clientSoftwareName: 'samsa-bench', clientSoftwareVersion: '1' }));
const METADATA = concat(encodeRequestFrame(ApiKey.Metadata, 12, 2, 'idle-conns', { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false }));

interface Conn { socket: net.Socket; answers: number; buf: Buffer | null }

/** Opens one connection, sends ApiVersions then Metadata; resolves when both were answered. */
function openOne(o: Opts, all: Set<net.Socket>): Promise<void> {
  return new Promise((resolve, reject) => {
    const c: Conn = { socket: net.connect({ host: o.host, port: o.port }), answers: 0, buf: null };
    all.add(c.socket);
    const timer = setTimeout(() => fail(new Error('no answer within the timeout')), o.timeoutMs);
    let done = false;
    const fail = (err: Error) => { if (done) return; done = true; clearTimeout(timer); c.socket.destroy(); all.delete(c.socket); reject(err); };
    c.socket.setNoDelay(true);
    c.socket.on('connect', () => c.socket.write(API_VERSIONS));
    c.socket.on('data', (chunk: Buffer) => {
      let b = c.buf === null ? chunk : Buffer.concat([c.buf, chunk]);
      while (b.length >= 4 && b.length >= 4 + b.readInt32BE(0)) {
        b = b.subarray(4 + b.readInt32BE(0));
        c.answers++;
        if (c.answers === 1) c.socket.write(METADATA);
        else if (c.answers === 2 && !done) { done = true; clearTimeout(timer); resolve(); }
      }
      c.buf = b.length ? Buffer.from(b) : null;
    });
    c.socket.on('error', (err) => fail(err));
    c.socket.on('close', () => { all.delete(c.socket); if (!done) fail(new Error('closed by the broker')); });
  });
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const all = new Set<net.Socket>();
  const errors = new Map<string, number>();
  let next = 0; let ok = 0; let failed = 0;
  const t0 = Date.now();
  let lastLog = t0;
  const worker = async () => {
    while (next < o.count) {
      next++;
      try { await openOne(o, all); ok++; } catch (err) {
        failed++;
        const k = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        errors.set(k, (errors.get(k) ?? 0) + 1);
      }
      if (Date.now() - lastLog > 2000) { lastLog = Date.now(); process.stderr.write(`idle-conns: ${ok} open, ${failed} failed\n`); }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, o.count) }, worker));
  // connections the broker closed while others were still opening count as failed
  const open = [...all].filter((s) => !s.destroyed).length;
  process.stdout.write(`${JSON.stringify({ event: 'open', requested: o.count, answered: ok, failed, open, ms: Date.now() - t0, errors: Object.fromEntries(errors) })}\n`);
  let input = '';
  process.stdin.setEncoding('utf8').on('data', (s: string) => {
    input += s;
    if (!input.includes('close')) return;
    const stillOpen = [...all].filter((s) => !s.destroyed).length;
    for (const s of all) s.destroy();
    process.stdout.write(`${JSON.stringify({ event: 'closed', openBeforeClose: stillOpen })}\n`);
    setTimeout(() => process.exit(0), 50);
  });
  process.stdin.on('end', () => process.exit(0));
}

if (require.main === module) void main();
