// kafka-python (Debian's python3-kafka, 2.0.x) against a samsa broker process:
// KafkaProducer(compression_type=gzip|snappy|lz4|zstd, acks=all) and KafkaConsumer with assign().
import { describePythonClient } from './python-suite';

describePythonClient({
  name: 'kafka-python',
  script: 'kafka_python_client.py',
  prefix: 'kp',
  probe: [
    'import kafka',
    'from kafka.codec import has_gzip, has_snappy, has_lz4, has_zstd',
    'missing = [n for n, ok in [("gzip", has_gzip()), ("snappy (python3-snappy)", has_snappy()), ("lz4 (python3-lz4)", has_lz4()), ("zstd (python3-zstandard)", has_zstd())] if not ok]',
    'assert not missing, "kafka-python codecs missing: " + ", ".join(missing)',
  ].join('\n'),
  killCodec: 'lz4',
});
