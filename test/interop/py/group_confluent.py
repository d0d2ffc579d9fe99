"""confluent-kafka-python (librdkafka) consumer-group member for the interop group tests.
Run with /usr/bin/python3.

  member --bootstrap B --topic T --group G --client-id C [--session-ms S] [--heartbeat-ms H]
      Consumer(group.id=G, enable.auto.commit=false, auto.offset.reset=earliest) with
      subscribe([T]); after each consume() prints the records, then commits their next offsets
      with commit(offsets=..., asynchronous=False) and prints COMMITTED with the offsets that
      call returned. SIGTERM: close() (leaves the group). Output format: see group_common.py.
"""
import sys

from confluent_kafka import Consumer, KafkaError, TopicPartition

from group_common import event, member_args, offsets_obj, record_line, stop_flag, write_records
from interop_common import text


def member(args):
    stop = stop_flag()
    errors = []
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap, "group.id": args.group, "client.id": args.client_id,
        "enable.auto.commit": False, "auto.offset.reset": "earliest",
        "session.timeout.ms": args.session_ms, "heartbeat.interval.ms": args.heartbeat_ms,
        # connection errors while the broker is killed are expected: counted, not logged
        "log_level": 0, "error_cb": lambda err: errors.append(str(err)),
    })
    consumer.subscribe([args.topic],
                       on_assign=lambda c, ps: event("ASSIGNED", sorted(p.partition for p in ps)),
                       on_revoke=lambda c, ps: event("REVOKED", sorted(p.partition for p in ps)))
    event("SUBSCRIBED")
    while not stop:
        msgs = consumer.consume(num_messages=args.max_records, timeout=0.2)
        lines = []
        last = {}
        for m in msgs:
            if m.error() is not None:
                if m.error().code() != KafkaError._PARTITION_EOF:
                    event("CONSUME_ERROR", str(m.error()))
                continue
            lines.append(record_line(m.partition(), m.offset(), text(m.key()), text(m.value()),
                                     [(n, text(v)) for n, v in (m.headers() or [])]))
            last[m.partition()] = m.offset() + 1
        if not last:
            continue
        write_records(lines)
        event("COMMITTING", offsets_obj(last.items()))
        try:
            done = consumer.commit(offsets=[TopicPartition(args.topic, p, o) for p, o in last.items()],
                                   asynchronous=False)
        except Exception as e:  # KafkaException, e.g. after a rebalance took the partitions away
            event("COMMIT_FAILED", {"error": str(e), "offsets": offsets_obj(last.items())})
            continue
        failed = [tp for tp in done if tp.error is not None]
        if failed:
            event("COMMIT_FAILED", {"error": str(failed[0].error), "offsets": offsets_obj(last.items())})
            continue
        event("COMMITTED", offsets_obj((tp.partition, tp.offset) for tp in done))
    consumer.close()
    event("CLOSED")


def main():
    member(member_args())


if __name__ == "__main__":
    sys.exit(main())
