// `samsa perf produce|consume|e2e`: load generators and meters for any Kafka-compatible broker
// (src/perf/). Options are validated in src/perf/options.ts; the runners load on demand.
import { Command } from 'commander';
import type { MainIo } from './main';

type SetResult = (p: Promise<number>) => void;

function common(cmd: Command): Command {
  return cmd
    .option('--bootstrap-server <host:port>', 'broker(s) to connect to')
    .option('--topic <topic>', 'topic to use')
    .option('--json', 'print the result as one JSON object on stdout (progress goes to stderr)')
    .option('--report <file.html>', 'write a self-contained HTML report with charts')
    .option('--reporting-interval <ms>', 'interval between progress lines (default 5000)')
    .option('--client-id <id>', 'client.id prefix (default samsa-perf)');
}

function producer(cmd: Command, defaults: { throughput: string; recordSize?: string }): Command {
  return cmd
    .option('--num-records <n>', 'records to produce')
    .option('--warmup-records <n>', 'the first n of --num-records are warm-up: reported apart, not in the figures (default 0)')
    .option('--record-size <bytes>', `value size in bytes${defaults.recordSize ? ` (default ${defaults.recordSize})` : ''}`)
    .option('--throughput <records/s>', `target rate, -1 for unlimited (default ${defaults.throughput})`)
    .option('--acks <acks>', '0, 1 or all (default all)')
    .option('--compression <codec>', 'none, gzip, snappy, lz4 or zstd (default none)')
    .option('--batch-size <bytes>', 'batch.size (default 16384)')
    .option('--linger-ms <ms>', 'linger.ms under --throughput (default 5)')
    .option('--producers <n>', 'parallel producers, each with its own connections (default 1)')
    .option('--partitions <n>', 'create the topic with this many partitions if it does not exist')
    .option('--replication-factor <n>', 'replication factor for a topic created with --partitions')
    .option('--max-in-flight <n>', 'Produce requests in flight per connection (default 5)')
    .option('--max-request-size <bytes>', 'max.request.size (default 1048576)')
    .option('--request-timeout-ms <ms>', 'request timeout (default 30000)')
    .option('--retries <n>', 'retries of a batch after a retriable error (default 3)');
}

function consumer(cmd: Command): Command {
  return cmd
    .option('--group <group>', 'consume as members of this consumer group (default: assign all partitions from the earliest offset)')
    .option('--consumers <n>', 'parallel consumers, each with its own connections (default 1)')
    .option('--timeout-ms <ms>', 'stop when no record arrives for this long (default 10000)')
    .option('--fetch-max-bytes <bytes>', 'fetch.max.bytes (default 52428800)')
    .option('--max-partition-fetch-bytes <bytes>', 'max.partition.fetch.bytes (default 1048576)')
    .option('--fetch-max-wait-ms <ms>', 'fetch.max.wait.ms (default 500)');
}

const PRODUCE_HELP = `
Records have no key, a random upper-case payload of --record-size bytes and no headers.
Batches are built straight into reused buffers (no per-record objects): without
--throughput every batch of one size shares a prebuilt records section and only its
timestamps and CRC change; each request carries one batch per partition of a leader,
--max-in-flight requests are pipelined per connection.

Latency (ack) of a record = acknowledgement received - its send time. Its send time is
its due time under --throughput (start + k / rate, so falling behind shows up as latency),
else the moment its batch was built. Every record of a batch is recorded (HDR histogram,
µs resolution). With --acks 0 the acknowledgement is the socket write completing.
MB/sec counts value bytes (MB = 2^20), as Kafka's tools do. Exit code 1 when records failed.`;

const CONSUME_HELP = `
Without --group every partition is assigned from its earliest offset and split over
--consumers; records are counted from the fetched batches without decoding them into
objects. Latency (fetch) = round trip of each Fetch that returned records, per record.
With --group the consumers are members of a classic consumer group (samsa's GroupConsumer);
latency (poll) = duration of each poll that returned records. Exit code 1 when fewer than
--messages records arrived before --timeout-ms passed without a record.`;

const E2E_HELP = `
Consumers are positioned at the end of every partition first, then the producers send at
--throughput with each record's send time in the first 8 bytes of its value. End-to-end
latency = time the consumer counted the record - that send time (the record timestamp,
ms resolution, for values under 8 bytes). The summary also shows the producer's ack latency.`;

export function registerPerfCommand(program: Command, io: MainIo, setResult: SetResult): void {
  const perf = program.command('perf')
    .description('measure throughput and latency of any Kafka-compatible broker (kafka-*-perf-test.sh)');

  producer(common(perf.command('produce').description('produce records as fast as allowed; throughput and ack latency')), { throughput: '-1' })
    .addHelpText('after', PRODUCE_HELP)
    .action((opts) => {
      setResult(import('../perf/options').then(async (m) => {
        const o = m.parseProduceOptions(opts);
        return (await import('../perf/produce-run')).runProducePerf(o, io);
      }));
    });

  consumer(common(perf.command('consume').description('consume records; throughput and fetch latency')))
    .option('--messages <n>', 'records to consume')
    .addHelpText('after', CONSUME_HELP)
    .action((opts) => {
      setResult(import('../perf/options').then(async (m) => {
        const o = m.parseConsumeOptions(opts);
        return (await import('../perf/consume-run')).runConsumePerf(o, io);
      }));
    });

  consumer(producer(common(perf.command('e2e').description('produce and consume at once; end-to-end latency per record')), { throughput: '10000', recordSize: '100' }))
    .addHelpText('after', E2E_HELP)
    .action((opts) => {
      setResult(import('../perf/options').then(async (m) => {
        const o = m.parseE2eOptions(opts);
        return (await import('../perf/e2e-run')).runE2ePerf(o, io);
      }));
    });
}
