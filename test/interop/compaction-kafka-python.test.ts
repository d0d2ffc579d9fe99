// Log compaction (compaction-suite.ts) with kafka-python (Debian's python3-kafka, 2.0.x):
// KafkaProducer(acks=all) with null values for tombstones, KafkaConsumer with assign().
import { pythonCompactionClient } from './compaction-python';
import { describeCompaction } from './compaction-suite';

describeCompaction(pythonCompactionClient('kafka-python', 'kp', 'compaction_kafka_python.py', 'import kafka'));
