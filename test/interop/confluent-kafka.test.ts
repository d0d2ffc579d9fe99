// confluent-kafka-python (Debian's python3-confluent-kafka, librdkafka) against a samsa broker
// process: Producer(compression.type=gzip|snappy|lz4|zstd, acks=all, murmur2 partitioner) with
// delivery reports, and Consumer with assign() (group.id set, never joined, no commits).
import { describePythonClient } from './python-suite';

describePythonClient({
  name: 'confluent-kafka-python',
  script: 'confluent_client.py',
  prefix: 'ck',
  probe: 'import confluent_kafka',
  killCodec: 'zstd',
  librdkafka: true,
});
