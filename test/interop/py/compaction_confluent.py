"""confluent-kafka-python (librdkafka) side of the compaction interop test; commands in
compaction_common.py. Run with /usr/bin/python3. Producer(acks=all) writes to partition 0 of a
compacted topic with delivery reports; Consumer with assign() from the beginning (a group.id is
required but never joined; no commits) reads it up to the high watermark."""
import sys
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, Producer, TopicPartition

from compaction_common import Acks, Dump, emit, parse_args, records_of


def quiet(conf, errors):
    conf["log_level"] = 0
    conf["error_cb"] = lambda err: errors.append(str(err))
    return conf


def produce(args):
    acks, errors = Acks(args.base), []
    producer = Producer(quiet({"bootstrap.servers": args.bootstrap, "acks": "all", "linger.ms": 5,
                                  "batch.size": args.batch_bytes}, errors))

    def delivered(i):
        def cb(err, msg):
            if err is not None:
                acks.fail(err)
            else:
                acks.ok(i, msg.offset())
        return cb

    for i, (key, value) in enumerate(records_of(args)):
        while True:
            try:
                producer.produce(args.topic, key=key, value=value, partition=0, on_delivery=delivered(i))
                break
            except BufferError:
                producer.poll(0.05)
        acks.sent += 1
        if i % 1000 == 0:
            producer.poll(0)
    left = producer.flush(120)
    res = acks.summary()
    res["unflushed"] = left
    res["clientErrors"] = errors[:5]
    emit(res)


def read(args):
    errors = []
    consumer = Consumer(quiet({"bootstrap.servers": args.bootstrap, "group.id": "samsa-compaction",
                               "enable.auto.commit": False, "auto.offset.reset": "earliest"}, errors))
    _, end = consumer.get_watermark_offsets(TopicPartition(args.topic, 0), timeout=30)
    consumer.assign([TopicPartition(args.topic, 0, OFFSET_BEGINNING)])
    dump = Dump(args.dump)
    deadline = time.time() + args.timeout
    position = 0
    fetch_errors = []
    while position < end and time.time() < deadline:
        for m in consumer.consume(num_messages=20000, timeout=0.5):
            if m.error() is not None:
                if m.error().code() != KafkaError._PARTITION_EOF:
                    fetch_errors.append(str(m.error()))
                continue
            dump.add(m.offset(), m.key(), m.value())
            position = m.offset() + 1
    consumer.close()
    dump.close()
    emit({"count": dump.count, "endOffset": end, "timedOut": position < end, "errors": fetch_errors[:5],
          "clientErrors": errors[:5]})


def main():
    args = parse_args()
    if args.cmd == "read":
        read(args)
    else:
        produce(args)


if __name__ == "__main__":
    sys.exit(main())
