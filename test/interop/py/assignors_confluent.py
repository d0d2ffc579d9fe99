"""confluent-kafka-python (librdkafka) group member with a chosen partition assignor, for the
interop assignor tests. Run with /usr/bin/python3.

  member --bootstrap B --topic T --group G --client-id C --assignor A [--session-ms S] [--heartbeat-ms H]
      Consumer(group.id=G, partition.assignment.strategy=A, auto.offset.reset=earliest)
      subscribed to T. Each record from poll() is printed, then its offset is stored
      (enable.auto.offset.store=false + store_offsets()); librdkafka commits the stored offsets
      every second while the group is stable, when partitions are revoked, and on close.
      ASSIGNED / REVOKED / LOST list the partitions of each rebalance callback (incremental ones
      with cooperative-sticky). SIGTERM: close() (leaves the group). Output format: group_common.py.

Why not consume(num_messages) with a synchronous commit after each batch, as group_confluent.py
does: with librdkafka 2.0.2 and cooperative-sticky that loses records and assignments, against any
broker. The batch API skips offsets of partitions paused and resumed during an incremental
rebalance (fixed in librdkafka 2.1.0, confluentinc/librdkafka#4208), and a commit sent while the
member rejoins carries the old generation, gets ILLEGAL_GENERATION and makes librdkafka drop the
whole assignment as lost (confluentinc/librdkafka#4059, fixed by #4908). Stored offsets committed
by librdkafka itself are committed only outside rebalances.
"""
import argparse
import sys

from confluent_kafka import Consumer, KafkaError

from group_common import event, record_line, stop_flag, write_records
from interop_common import text


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["member"])
    for name in ("--bootstrap", "--topic", "--group", "--client-id", "--assignor"):
        ap.add_argument(name, required=True)
    ap.add_argument("--session-ms", type=int, default=6000)
    ap.add_argument("--heartbeat-ms", type=int, default=500)
    return ap.parse_args()


def parts(ps):
    return sorted(p.partition for p in ps)


def member(args):
    stop = stop_flag()
    errors = []
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap, "group.id": args.group, "client.id": args.client_id,
        "partition.assignment.strategy": args.assignor, "auto.offset.reset": "earliest",
        "enable.auto.commit": True, "auto.commit.interval.ms": 1000, "enable.auto.offset.store": False,
        "session.timeout.ms": args.session_ms, "heartbeat.interval.ms": args.heartbeat_ms,
        "log_level": 0, "error_cb": lambda err: errors.append(str(err)),
    })
    consumer.subscribe([args.topic],
                       on_assign=lambda c, ps: event("ASSIGNED", parts(ps)),
                       on_revoke=lambda c, ps: event("REVOKED", parts(ps)),
                       on_lost=lambda c, ps: event("LOST", parts(ps)))
    event("SUBSCRIBED")
    while not stop:
        m = consumer.poll(0.2)
        if m is None:
            continue
        if m.error() is not None:
            if m.error().code() != KafkaError._PARTITION_EOF:
                event("CONSUME_ERROR", str(m.error()))
            continue
        write_records([record_line(m.partition(), m.offset(), text(m.key()), text(m.value()),
                                   [(n, text(v)) for n, v in (m.headers() or [])])])
        try:
            consumer.store_offsets(message=m)
        except Exception as e:  # KafkaException: the partition is no longer assigned
            event("STORE_FAILED", {"error": str(e), "partition": m.partition(), "offset": m.offset()})
    consumer.close()
    event("CLOSED")


def main():
    member(parse_args())


if __name__ == "__main__":
    sys.exit(main())
