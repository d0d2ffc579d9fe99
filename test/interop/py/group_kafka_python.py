"""kafka-python (2.0.x) consumer-group member for the interop group tests. Run with /usr/bin/python3.

  member --bootstrap B --topic T --group G --client-id C [--session-ms S] [--heartbeat-ms H]
      KafkaConsumer(group_id=G, enable_auto_commit=False, auto_offset_reset=earliest) subscribed
      to T; after each poll prints the records, then commits their next offsets with commit()
      (synchronous) and prints COMMITTED once it returned. SIGTERM: close() (leaves the group).
      Output format: see group_common.py.
"""
import logging
import sys

from kafka import KafkaConsumer
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.structs import OffsetAndMetadata

from group_common import event, member_args, offsets_obj, record_line, stop_flag, write_records
from interop_common import text

logging.getLogger("kafka").addHandler(logging.NullHandler())
logging.getLogger("kafka").setLevel(logging.CRITICAL + 1)
logging.getLogger("kafka").propagate = False


class Listener(ConsumerRebalanceListener):
    def on_partitions_revoked(self, revoked):
        event("REVOKED", sorted(tp.partition for tp in revoked))

    def on_partitions_assigned(self, assigned):
        event("ASSIGNED", sorted(tp.partition for tp in assigned))


def member(args):
    stop = stop_flag()
    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=args.group, client_id=args.client_id,
                             enable_auto_commit=False, auto_offset_reset="earliest",
                             session_timeout_ms=args.session_ms, heartbeat_interval_ms=args.heartbeat_ms,
                             max_poll_records=args.max_records)
    consumer.subscribe([args.topic], listener=Listener())
    event("SUBSCRIBED")
    while not stop:
        batch = consumer.poll(timeout_ms=200)
        if not batch:
            continue
        lines = []
        offsets = {}
        for tp, msgs in batch.items():
            for m in msgs:
                lines.append(record_line(m.partition, m.offset, text(m.key), text(m.value),
                                         [(n, text(v)) for n, v in (m.headers or [])]))
            offsets[tp] = OffsetAndMetadata(msgs[-1].offset + 1, "")
        write_records(lines)
        pairs = offsets_obj((tp.partition, om.offset) for tp, om in offsets.items())
        event("COMMITTING", pairs)
        try:
            consumer.commit(offsets)
        except Exception as e:  # CommitFailedError after a rebalance: the records are someone else's now
            event("COMMIT_FAILED", {"error": "%s: %s" % (type(e).__name__, e), "offsets": pairs})
            continue
        event("COMMITTED", pairs)
    consumer.close()
    event("CLOSED")


def main():
    member(member_args())


if __name__ == "__main__":
    sys.exit(main())
