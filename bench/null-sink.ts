// A Kafka-compatible sink that answers only ApiVersions, Metadata and Produce, keeps no data
// and runs on one thread: the ceiling samsa's produce path is compared against.
//   node dist/bench/null-sink.js [--host 127.0.0.1] [--port 0] [--partitions 8]
// Every requested topic exists with P partitions led by this node. Produce (acks 0, 1, -1)
// answers success with per-partition offsets that grow by the records in each batch; the
// batches are counted (from the v2 batch headers) and dropped. Started as a child process
// with an IPC channel, it answers { op: 'stats' } with its counters.
// ApiVersions also lists Fetch, which the sink never serves: librdkafka only produces v2
// record batches (MsgVersion 2) to a broker that offers Produce >= 3 and Fetch >= 4, and
// falls back to v0 message sets otherwise.
import * as crypto from 'crypto';
import * as net from 'net';
import { ApiKey, apiVersionRange } from '../src/protocol/apis';
import { decodeRequestBody, decodeRequestHeader, encodeResponseFrame } from '../src/protocol/header';

export interface NullSinkOptions {
  host?: string; port?: number; partitions?: number;
  /** called with each Produce request frame (a view valid only during the call) */
  onProduceFrame?: (frame: Buffer) => void;
}
export interface NullSinkStats { requests: number; produceRequests: number; batches: number; records: number; recordBytes: number; connections: number }
export interface NullSink { host: string; port: number; stats(): NullSinkStats; stop(): Promise<void> }

const NODE_ID = 1;
const SUPPORTED = [ApiKey.Produce, ApiKey.Fetch, ApiKey.Metadata, ApiKey.ApiVersions].map((apiKey) => {
  const { min, max } = apiVersionRange(apiKey)!;
  return { apiKey, minVersion: min, maxVersion: max };
});
const UNSUPPORTED_VERSION = 35;
const MAX_FRAME = 100 * 1024 * 1024;

interface ProduceRequest { acks: number; topicData: { name: string; partitionData: { index: number; records: Buffer | null }[] }[] }
interface MetadataRequest { topics: { name: string | null }[] | null }

export async function startNullSink(opts: NullSinkOptions = {}): Promise<NullSink> {
  const partitions = opts.partitions ?? 8;
  const st: NullSinkStats = { requests: 0, produceRequests: 0, batches: 0, records: 0, recordBytes: 0, connections: 0 };
  const topics = new Map<string, { topicId: string; next: number[] }>();
  const sockets = new Set<net.Socket>();
  let advertised = { host: opts.host ?? '127.0.0.1', port: 0 };

  const topic = (name: string) => {
    let t = topics.get(name);
    if (t === undefined) {
      t = { topicId: crypto.randomBytes(16).toString('base64url'), next: new Array<number>(partitions).fill(0) };
      topics.set(name, t);
    }
    return t;
  };

  const metadataTopic = (name: string) => {
    const t = topic(name);
    return {
      errorCode: 0, name, topicId: t.topicId, isInternal: false, topicAuthorizedOperations: -2147483648,
      partitions: t.next.map((_, p) => ({ errorCode: 0, partitionIndex: p, leaderId: NODE_ID, leaderEpoch: 0, replicaNodes: [NODE_ID], isrNodes: [NODE_ID], offlineReplicas: [] })),
    };
  };

  /** Counts the records of the v2 batches in `records` and returns the offset of the first. */
  const append = (name: string, index: number, records: Buffer | null): [number, number] => {
    const t = topic(name);
    if (index < 0 || index >= partitions) return [3, -1]; // UNKNOWN_TOPIC_OR_PARTITION
    if (records === null) return [2, -1]; // CORRUPT_MESSAGE
    let count = 0;
    for (let pos = 0; pos + 17 <= records.length;) {
      // v2 batch: records count at 57; v0/v1 message set entry: one (uncompressed) message
      count += records[pos + 16] === 2 ? records.readInt32BE(pos + 57) : 1;
      st.batches++;
      pos += 12 + records.readInt32BE(pos + 8);
    }
    st.records += count;
    st.recordBytes += records.length;
    const base = t.next[index];
    t.next[index] = base + count;
    return [0, base];
  };

  const handle = (frame: Buffer): Buffer[] | null => {
    st.requests++;
    const { header, bodyOffset } = decodeRequestHeader(frame);
    const { apiKey, apiVersion: v, correlationId } = header;
    if (apiKey === ApiKey.Produce) {
      st.produceRequests++;
      if (opts.onProduceFrame) opts.onProduceFrame(frame);
      const req = decodeRequestBody(header, frame, bodyOffset) as ProduceRequest;
      const responses = req.topicData.map((td) => ({
        name: td.name,
        partitionResponses: td.partitionData.map((pd) => {
          const [errorCode, baseOffset] = append(td.name, pd.index, pd.records);
          return { index: pd.index, errorCode, baseOffset, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], errorMessage: null };
        }),
      }));
      if (req.acks === 0) return null;
      return encodeResponseFrame(apiKey, v, correlationId, { responses, throttleTimeMs: 0 });
    }
    if (apiKey === ApiKey.Metadata) {
      const req = decodeRequestBody(header, frame, bodyOffset) as MetadataRequest;
      const names = req.topics === null || (v === 0 && req.topics.length === 0) ? [...topics.keys()] : req.topics.map((t) => t.name ?? '');
      return encodeResponseFrame(apiKey, v, correlationId, {
        throttleTimeMs: 0, brokers: [{ nodeId: NODE_ID, host: advertised.host, port: advertised.port, rack: null }],
        clusterId: 'null-sink', controllerId: NODE_ID, topics: names.filter((n) => n !== '').map(metadataTopic),
        clusterAuthorizedOperations: -2147483648,
      });
    }
    if (apiKey === ApiKey.ApiVersions) {
      const range = apiVersionRange(apiKey)!;
      const ok = v >= range.min && v <= range.max;
      return encodeResponseFrame(apiKey, ok ? v : 0, correlationId, {
        errorCode: ok ? 0 : UNSUPPORTED_VERSION, apiKeys: SUPPORTED, throttleTimeMs: 0,
      });
    }
    throw new Error(`null sink: unsupported api key ${apiKey}`);
  };

  const serve = (socket: net.Socket) => {
    st.connections++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let head: Buffer | null = null; // fewer than 4 bytes, or a small partial frame
    let big: Buffer | null = null;  // a large frame being filled
    let filled = 0;
    const deliver = (frame: Buffer) => {
      const out = handle(frame);
      if (out === null) return;
      if (out.length === 1) socket.write(out[0]);
      else { socket.cork(); for (const b of out) socket.write(b); socket.uncork(); }
    };
    socket.on('data', (chunk: Buffer) => {
      let buf = chunk;
      let pos = 0;
      try {
        if (big !== null) {
          const n = Math.min(big.length - filled, buf.length);
          buf.copy(big, filled, 0, n);
          filled += n;
          pos = n;
          if (filled < big.length) return;
          const f = big;
          big = null;
          deliver(f);
        } else if (head !== null) {
          buf = Buffer.concat([head, buf]);
          head = null;
        }
        for (;;) {
          const avail = buf.length - pos;
          if (avail < 4) { if (avail > 0) head = Buffer.from(buf.subarray(pos)); return; }
          const size = buf.readInt32BE(pos);
          if (size < 8 || size > MAX_FRAME) throw new Error(`bad frame size ${size}`);
          if (avail - 4 >= size) { deliver(buf.subarray(pos + 4, pos + 4 + size)); pos += 4 + size; continue; }
          if (size <= 65536) { head = Buffer.from(buf.subarray(pos)); return; }
          big = Buffer.allocUnsafe(size);
          buf.copy(big, 0, pos + 4);
          filled = avail - 4;
          return;
        }
      } catch (err) {
        process.stderr.write(`null sink: ${(err as Error).message}; closing connection\n`);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  };

  const server = net.createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 }, () => { server.off('error', reject); resolve(); });
  });
  const addr = server.address() as net.AddressInfo;
  advertised = { host: addr.address, port: addr.port };
  return {
    host: addr.address, port: addr.port,
    stats: () => ({ ...st }),
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function arg(argv: string[], name: string, def: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
}

async function main(argv: string[]): Promise<void> {
  const sink = await startNullSink({ host: arg(argv, '--host', '127.0.0.1'), port: Number(arg(argv, '--port', '0')), partitions: Number(arg(argv, '--partitions', '8')) });
  process.stderr.write(`${JSON.stringify({ msg: 'null sink started', address: `${sink.host}:${sink.port}`, pid: process.pid })}\n`);
  process.on('message', (m: { op?: string; id?: number }) => {
    if (m && m.op === 'stats') process.send!({ op: 'stats', id: m.id, stats: sink.stats() });
  });
  const stop = () => { void sink.stop().then(() => { process.disconnect?.(); process.exit(0); }); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) void main(process.argv.slice(2));
