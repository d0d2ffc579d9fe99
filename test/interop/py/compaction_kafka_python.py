"""kafka-python (2.0.x) side of the compaction interop test; commands in compaction_common.py.
Run with /usr/bin/python3. KafkaProducer(acks=all) writes to partition 0 of a compacted topic;
KafkaConsumer without a group reads it with assign() + seek_to_beginning()."""
import logging
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from compaction_common import Acks, Dump, emit, parse_args, records_of

logging.getLogger("kafka").addHandler(logging.NullHandler())
logging.getLogger("kafka").setLevel(logging.CRITICAL + 1)
logging.getLogger("kafka").propagate = False


def produce(args):
    acks = Acks(args.base)
    producer = KafkaProducer(bootstrap_servers=args.bootstrap, acks="all", linger_ms=5, batch_size=args.batch_bytes)
    for i, (key, value) in enumerate(records_of(args)):
        fut = producer.send(args.topic, key=key, value=value, partition=0)
        fut.add_callback(lambda md, i=i: acks.ok(i, md.offset))
        fut.add_errback(acks.fail)
        acks.sent += 1
    producer.flush(timeout=120)
    producer.close(timeout=10)
    emit(acks.summary())


def read(args):
    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=None, enable_auto_commit=False,
                             auto_offset_reset="earliest", max_partition_fetch_bytes=4 * 1024 * 1024)
    tp = TopicPartition(args.topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning()
    end = consumer.end_offsets([tp])[tp]
    dump = Dump(args.dump)
    deadline = time.time() + args.timeout
    while consumer.position(tp) < end and time.time() < deadline:
        for msgs in consumer.poll(timeout_ms=500, max_records=20000).values():
            for m in msgs:
                dump.add(m.offset, m.key, m.value)
    timed_out = consumer.position(tp) < end
    consumer.close()
    dump.close()
    emit({"count": dump.count, "endOffset": end, "timedOut": timed_out, "errors": []})


def main():
    args = parse_args()
    if args.cmd == "read":
        read(args)
    else:
        produce(args)


if __name__ == "__main__":
    sys.exit(main())
