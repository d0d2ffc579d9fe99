// samsa console-producer: one record per stdin line (kafka-console-producer.sh flags).
import * as readline from 'readline';
import { Producer, ProducerOptions, CompressionName, COMPRESSION_IDS, ProducerRecord } from '../client/producer';
import { UsageError, parseBool, parseIntOption, parseKeyValues, unescapeSeparator } from './options';

export interface ConsoleProducerOptions {
  bootstrapServer?: string;
  topic?: string;
  property?: string[];
  producerProperty?: string[];
  compressionCodec?: string | boolean;
  requestRequiredAcks?: string;
  batchSize?: string;
  timeout?: string;
  sync?: boolean;
}

export interface LineFormat { parseKey: boolean; keySeparator: string; ignoreError: boolean; nullMarker: string | null }

export interface ProducerIo { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

/** Maps kafka-console-producer flags and --producer-property keys to ProducerOptions. */
export function buildProducerSettings(o: ConsoleProducerOptions, warn: (s: string) => void): { producer: ProducerOptions; format: LineFormat } {
  if (!o.bootstrapServer) throw new UsageError('Missing required argument "[bootstrap-server]"');
  if (!o.topic) throw new UsageError('Missing required argument "[topic]"');
  const props = parseKeyValues(o.property, '--property');
  const pp = parseKeyValues(o.producerProperty, '--producer-property');
  const producer: ProducerOptions = { bootstrap: o.bootstrapServer, clientId: 'samsa-console-producer', lingerMs: 5 };

  let acks = o.requestRequiredAcks ?? pp['acks'] ?? '-1';
  if (acks === 'all') acks = '-1';
  if (!['0', '1', '-1'].includes(acks.trim())) throw new UsageError(`Invalid value '${acks}' for --request-required-acks: must be 0, 1, -1 or all`);
  producer.acks = Number(acks) as 0 | 1 | -1;

  let codec: string = o.compressionCodec === true ? 'gzip' : (o.compressionCodec || pp['compression.type'] || 'none');
  if (codec === 'uncompressed') codec = 'none';
  if (!(codec in COMPRESSION_IDS)) throw new UsageError(`Invalid compression codec '${codec}': must be one of none, gzip, snappy, lz4, zstd`);
  producer.compression = codec as CompressionName;

  const num = (flag: string | undefined, prop: string, min: number) => parseIntOption(flag ?? pp[prop], flag !== undefined ? `--${prop}` : prop, min);
  producer.batchSize = parseIntOption(o.batchSize, '--batch-size', 1) ?? num(undefined, 'batch.size', 0) ?? 16_384;
  producer.lingerMs = parseIntOption(o.timeout, '--timeout', 0) ?? num(undefined, 'linger.ms', 0) ?? 5;
  const known: Record<string, (v: string) => void> = {
    'acks': () => {}, 'compression.type': () => {}, 'batch.size': () => {}, 'linger.ms': () => {},
    'client.id': (v) => { producer.clientId = v; },
    'max.request.size': (v) => { producer.maxRequestSize = parseIntOption(v, 'max.request.size', 1); },
    'request.timeout.ms': (v) => { producer.requestTimeoutMs = parseIntOption(v, 'request.timeout.ms', 1); },
    'delivery.timeout.ms': (v) => { producer.deliveryTimeoutMs = parseIntOption(v, 'delivery.timeout.ms', 1); },
    'retry.backoff.ms': (v) => { producer.retryBackoffMs = parseIntOption(v, 'retry.backoff.ms', 0); },
    'max.in.flight.requests.per.connection': (v) => { producer.maxInFlight = parseIntOption(v, 'max.in.flight.requests.per.connection', 1); },
    'buffer.memory': (v) => { producer.bufferMemory = parseIntOption(v, 'buffer.memory', 1); },
    'allow.auto.create.topics': (v) => { producer.allowAutoTopicCreation = parseBool(v, 'allow.auto.create.topics'); },
    'metadata.max.age.ms': (v) => { producer.metadataMaxAgeMs = parseIntOption(v, 'metadata.max.age.ms', 0); },
  };
  for (const [k, v] of Object.entries(pp)) {
    if (known[k]) known[k](v); else warn(`Ignoring unsupported producer property ${k}=${v}`);
  }
  if (o.sync) producer.lingerMs = 0;

  const format: LineFormat = {
    parseKey: parseBool(props['parse.key'], 'parse.key') ?? false,
    keySeparator: props['key.separator'] !== undefined ? unescapeSeparator(props['key.separator']) : '\t',
    ignoreError: parseBool(props['ignore.error'], 'ignore.error') ?? false,
    nullMarker: props['null.marker'] ?? null,
  };
  if (format.parseKey && format.keySeparator === '') throw new UsageError('key.separator must not be empty');
  for (const k of Object.keys(props)) {
    if (!['parse.key', 'key.separator', 'ignore.error', 'null.marker'].includes(k)) warn(`Ignoring unsupported property ${k}`);
  }
  return { producer, format };
}

/** Splits one input line into key and value; throws on a missing separator unless ignore.error. */
export function parseLine(line: string, lineNumber: number, f: LineFormat): { key: string | null; value: string | null } {
  const nul = (s: string | null) => (f.nullMarker !== null && s === f.nullMarker ? null : s);
  if (!f.parseKey) return { key: null, value: nul(line) };
  const i = line.indexOf(f.keySeparator);
  if (i < 0) {
    if (f.ignoreError) return { key: null, value: nul(line) };
    throw new UsageError(`No key separator found on line number ${lineNumber}: '${line}'`);
  }
  return { key: nul(line.slice(0, i)), value: nul(line.slice(i + f.keySeparator.length)) };
}

const WINDOW = 10_000;

export async function consoleProducer(o: ConsoleProducerOptions, io: ProducerIo): Promise<number> {
  const { producer: opts, format } = buildProducerSettings(o, (s) => io.stderr.write(`${s}\n`));
  const producer = new Producer(opts);
  const topic = o.topic!;
  let failures = 0;
  let firstError: Error | null = null;
  const window: Promise<unknown>[] = [];
  const onError = (err: Error) => {
    failures++;
    if (!firstError) firstError = err;
    if (failures <= 10) io.stderr.write(`Error when sending message to topic ${topic}: ${err.message}\n`);
  };
  let lineNo = 0;
  let exit = 0;
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) {
      lineNo++;
      const { key, value } = parseLine(line, lineNo, format);
      const rec: ProducerRecord = { topic, key, value };
      const p = producer.send(rec).catch(onError);
      if (o.sync) { await p; continue; }
      window.push(p);
      if (window.length >= WINDOW) await window.shift();
    }
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    exit = 1;
  } finally {
    rl.close();
  }
  await producer.flush().catch(onError);
  await Promise.all(window);
  await producer.close().catch(() => undefined);
  if (failures > 0) {
    io.stderr.write(`${failures} of ${lineNo} message(s) failed${firstError ? `: ${(firstError as Error).message}` : ''}\n`);
    return 1;
  }
  return exit;
}
