// samsa console-consumer --group: consumes as a member of a consumer group, printing
// records and committing as it goes (auto-commit, and on exit exactly what was printed).
import { ConsumedRecord } from '../client/consumer';
import { GroupConsumer } from '../client/group/group-consumer';
import type { ConsumerIo, ConsumerPlan } from './console-consumer';
import { formatRecord } from './console-consumer';
import { writeOut } from './options';

export async function consoleGroupConsumer(plan: ConsumerPlan, io: ConsumerIo): Promise<number> {
  const consumer = new GroupConsumer({ clientId: 'samsa-console-consumer', ...plan.group!, bootstrap: plan.group!.bootstrap ?? plan.consumer.bootstrap });
  let count = 0;
  let stopping = false;
  // a signal also ends a poll that waits for a rebalance; close() commits what was printed
  const onSignal = () => { stopping = true; void consumer.close().catch(() => undefined); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let exit = 0;
  try {
    consumer.subscribe([plan.topic]);
    // --timeout-ms counts from the first time the consumer is part of the group
    let lastRecordAt = -1;
    while (!stopping) {
      const records = await consumer.poll();
      if (lastRecordAt < 0 && consumer.generationId >= 0) lastRecordAt = Date.now();
      if (records.length) {
        lastRecordAt = Date.now();
        let out = '';
        let printed = 0;
        for (const r of records) {
          out += formatRecord(r, plan.format);
          printed++;
          count++;
          if (plan.maxMessages !== undefined && count >= plan.maxMessages) { stopping = true; break; }
        }
        // records fetched but not printed are not committed
        if (printed < records.length) consumer.rewind(records.slice(printed) as ConsumedRecord[]);
        await writeOut(io.stdout, out);
      } else if (plan.timeoutMs !== undefined && lastRecordAt >= 0 && Date.now() - lastRecordAt >= plan.timeoutMs) {
        break;
      }
    }
  } catch (err) {
    io.stderr.write(`Error processing message, terminating consumer process: ${(err as Error).message}\n`);
    exit = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await consumer.close().catch((err: Error) => { io.stderr.write(`Error closing the consumer: ${err.message}\n`); });
  }
  io.stderr.write(`Processed a total of ${count} messages\n`);
  return exit;
}
