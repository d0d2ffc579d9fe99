// Log compaction (compaction-suite.ts) with confluent-kafka-python (librdkafka): Producer(acks=all)
// with value=None for tombstones and delivery reports, Consumer with assign().
import { pythonCompactionClient } from './compaction-python';
import { describeCompaction } from './compaction-suite';

describeCompaction(pythonCompactionClient('confluent-kafka-python', 'ck', 'compaction_confluent.py', 'import confluent_kafka'));
