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
  // --timeout-ms: as Kafka's poll(timeout), the wait for a rebalance counts too, so a poll
  // stuck joining the group is ended by closing the consumer
  let lastRecordAt = Date.now();
  const watchdog = plan.timeoutMs === undefined ? null : setInterval(() => {
    if (Date.now() - lastRecordAt < plan.timeoutMs!) return;
    stopping = true;
    void consumer.close().catch(() => undefined);
  }, Math.min(100, plan.timeoutMs));
  try {
    consumer.subscribe([plan.topic]);
    while (!stopping) {
      const records = await consumer.poll();
      if (records.length === 0) continue;
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
    }
  } catch (err) {
    io.stderr.write(`Error processing message, terminating consumer process: ${(err as Error).message}\n`);
    exit = 1;
  } finally {
    if (watchdog) clearInterval(watchdog);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await consumer.close().catch((err: Error) => { io.stderr.write(`Error closing the consumer: ${err.message}\n`); });
  }
  io.stderr.write(`Processed a total of ${count} messages\n`);
  return exit;
}
