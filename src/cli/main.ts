// samsa command line: server start, topics, console-producer, console-consumer, consumer-groups, perf.
import { Command, CommanderError } from 'commander';
import { collect, UsageError } from './options';
import { registerPerfCommand } from './perf-command';

export interface MainIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Builds a fresh program (commander keeps option values on the instance). */
export function buildProgram(io: MainIo, setResult: (p: Promise<number>) => void): Command {
  const program = new Command('samsa');
  program
    .description('samsa: a Kafka-wire-compatible broker, and Kafka-style command line tools')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const server = program.command('server').description('run the broker');
  server.command('start')
    .description('start a broker')
    .argument('[server.properties]', 'configuration file (Kafka server.properties format)')
    .option('--override <key=value>', 'set a configuration key (repeatable)', collect, [])
    .action((file: string | undefined, opts: { override: string[] }) => {
      setResult(import('./server-command').then((m) => m.serverStart(file, opts, io.stderr)));
    });

  program.command('topics')
    .description('create, list, describe, alter and delete topics (kafka-topics.sh)')
    .option('--bootstrap-server <host:port>', 'broker(s) to connect to')
    .option('--create', 'create a topic')
    .option('--list', 'list topics')
    .option('--describe', 'describe topics')
    .option('--delete', 'delete a topic')
    .option('--alter', 'change partition count or configs of a topic')
    .option('--topic <topic>', 'topic name (a regular expression for --list/--describe)')
    .option('--partitions <n>', 'number of partitions')
    .option('--replication-factor <n>', 'replication factor')
    .option('--config <key=value>', 'topic config override (repeatable)', collect, [])
    .option('--delete-config <key>', 'topic config override to remove with --alter (repeatable)', collect, [])
    .option('--if-not-exists', 'with --create: do nothing when the topic exists')
    .option('--if-exists', 'with --alter/--delete/--describe: do nothing when the topic does not exist')
    .option('--exclude-internal', 'leave out internal topics')
    .option('--command-timeout-ms <ms>', 'request timeout')
    .action((opts) => { setResult(import('./topics-command').then((m) => m.topicsCommand(opts, io))); });

  program.command('console-producer')
    .description('send stdin lines as records (kafka-console-producer.sh)')
    .option('--bootstrap-server <host:port>', 'broker(s) to connect to')
    .option('--topic <topic>', 'topic to produce to')
    .option('--property <key=value>', 'line reader property: parse.key, key.separator, ignore.error, null.marker (repeatable)', collect, [])
    .option('--producer-property <key=value>', 'producer config, e.g. linger.ms=5 (repeatable)', collect, [])
    .option('--compression-codec [codec]', 'none, gzip (when given without value), snappy, lz4 or zstd')
    .option('--request-required-acks <acks>', '0, 1 or -1/all (default -1)')
    .option('--batch-size <bytes>', 'batch.size')
    .option('--timeout <ms>', 'linger.ms')
    .option('--sync', 'send each line synchronously')
    .action((opts) => { setResult(import('./console-producer').then((m) => m.consoleProducer(opts, io))); });

  program.command('console-consumer')
    .description('print records of a topic (kafka-console-consumer.sh)')
    .option('--bootstrap-server <host:port>', 'broker(s) to connect to')
    .option('--topic <topic>', 'topic to consume')
    .option('--from-beginning', 'start at the earliest offset instead of the latest')
    .option('--partition <n>', 'consume only this partition')
    .option('--offset <offset>', 'start offset: a number, earliest or latest (needs --partition)')
    .option('--max-messages <n>', 'exit after this many messages')
    .option('--timeout-ms <ms>', 'exit when no message arrives for this long')
    .option('--property <key=value>', 'formatter property: print.key, print.offset, print.partition, print.timestamp, print.headers, print.value, key.separator, line.separator, null.literal (repeatable)', collect, [])
    .option('--consumer-property <key=value>', 'consumer config (repeatable)', collect, [])
    .option('--isolation-level <level>', 'read_uncommitted (default) or read_committed')
    .option('--group <group>', 'consume as a member of this consumer group (committing offsets)')
    .action((opts) => { setResult(import('./console-consumer').then((m) => m.consoleConsumer(opts, io))); });

  program.command('consumer-groups')
    .description('list, describe, delete consumer groups and reset their offsets (kafka-consumer-groups.sh)')
    .option('--bootstrap-server <host:port>', 'broker(s) to connect to')
    .option('--list', 'list consumer groups')
    .option('--describe', 'describe groups: offsets and lag (default), --members or --state')
    .option('--delete', 'delete groups')
    .option('--reset-offsets', 'reset committed offsets of inactive groups (dry run unless --execute)')
    .option('--delete-offsets', 'delete committed offsets of a group for --topic')
    .option('--group <group>', 'the consumer group (repeatable)', collect, [])
    .option('--all-groups', 'apply to all consumer groups')
    .option('--topic <topic>', 'topic, or topic:p1,p2 for --reset-offsets / --delete-offsets (repeatable)', collect, [])
    .option('--all-topics', 'with --reset-offsets: every topic the group has offsets for')
    .option('--members', 'with --describe: list members')
    .option('--offsets', 'with --describe: offsets and lag (the default)')
    .option('--state [states]', 'with --describe: group state; with --list: show states, or only these (e.g. stable,empty)')
    .option('--verbose', 'with --describe --members: assignments')
    .option('--to-earliest', 'reset to the earliest offset')
    .option('--to-latest', 'reset to the latest offset')
    .option('--to-current', 'reset to the current committed offset')
    .option('--to-offset <offset>', 'reset to this offset (clamped to the log)')
    .option('--shift-by <n>', 'shift the committed offset by n (may be negative)')
    .option('--to-datetime <datetime>', "reset to the first offset at or after 'YYYY-MM-DDTHH:mm:SS.sss' (UTC unless a zone is given)")
    .option('--by-duration <duration>', "reset to the first offset at or after now minus 'PnDTnHnMnS'")
    .option('--dry-run', 'only print the new offsets (the default)')
    .option('--execute', 'commit the new offsets')
    .option('--timeout <ms>', 'request timeout (default 30000)')
    .action((opts) => { setResult(import('./consumer-groups-command').then((m) => m.consumerGroupsCommand(opts, io))); });

  registerPerfCommand(program, io, setResult);

  return program;
}

/** Runs the command line; resolves with the process exit code. */
export async function main(argv: string[], io: MainIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let result: Promise<number> | undefined;
  const program = buildProgram(io, (p) => { result = p; });
  try {
    if (argv.length === 0) { program.outputHelp({ error: true }); return 1; }
    await program.parseAsync(argv, { from: 'user' });
    return result ? await result : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version print and exit 0; usage errors were printed by commander
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : err.exitCode || 1;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`samsa: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`samsa: ${(err as Error).message ?? err}\n`);
    return 1;
  }
}
