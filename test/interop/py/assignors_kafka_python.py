"""kafka-python (2.0.x) group member with a chosen partition assignor, for the interop assignor
tests. Run with /usr/bin/python3.

  member --bootstrap B --topic T --group G --client-id C --assignor range|roundrobin|sticky
         [--session-ms S] [--heartbeat-ms H]
      KafkaConsumer(group_id=G, partition_assignment_strategy=[RangePartitionAssignor |
      RoundRobinPartitionAssignor | StickyPartitionAssignor (see StickyAssignor)], enable_auto_commit=False,
      auto_offset_reset=earliest) subscribed to T. After each poll it prints the records, then
      commits their next offsets synchronously (COMMITTING / COMMITTED / COMMIT_FAILED).
      ASSIGNED / REVOKED list the partitions of each rebalance callback. SIGTERM: close()
      (leaves the group). Output format: group_common.py.
"""
import argparse
import logging
import sys
from collections import defaultdict

from kafka import KafkaConsumer
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.coordinator.assignors.sticky.sticky_assignor import StickyAssignorUserDataV1, StickyPartitionAssignor
from kafka.coordinator.protocol import ConsumerProtocolMemberMetadata
from kafka.structs import OffsetAndMetadata

from group_common import event, offsets_obj, record_line, stop_flag, write_records
from interop_common import text



class StickyAssignor(StickyPartitionAssignor):
    """kafka-python 2.0.2's StickyPartitionAssignor, with its metadata() made to work for a member
    that already has an assignment: 2.0.2 builds StickyAssignorUserDataV1 from a dict item
    iterator, which the protocol's Array encoder cannot take (TypeError "object of type
    'dict_itemiterator' has no len()"), so every rejoin after the first assignment crashes the
    consumer (dpkp/kafka-python#2153). Same user data (previous assignment, generation) otherwise."""

    @classmethod
    def metadata(cls, topics):
        if cls.member_assignment is None:
            return super().metadata(topics)
        by_topic = defaultdict(list)
        for tp in cls.member_assignment:
            by_topic[tp.topic].append(tp.partition)
        data = StickyAssignorUserDataV1(list(by_topic.items()), cls.generation)  # a Struct encodes itself through a weak reference: keep it
        return ConsumerProtocolMemberMetadata(cls.version, list(topics), data.encode())


ASSIGNORS = {a.name: a for a in (RangePartitionAssignor, RoundRobinPartitionAssignor, StickyAssignor)}

logging.getLogger("kafka").addHandler(logging.NullHandler())
logging.getLogger("kafka").setLevel(logging.CRITICAL + 1)
logging.getLogger("kafka").propagate = False


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["member"])
    for name in ("--bootstrap", "--topic", "--group", "--client-id"):
        ap.add_argument(name, required=True)
    ap.add_argument("--assignor", required=True, choices=sorted(ASSIGNORS))
    ap.add_argument("--session-ms", type=int, default=6000)
    ap.add_argument("--heartbeat-ms", type=int, default=500)
    ap.add_argument("--max-records", type=int, default=500)
    return ap.parse_args()


class Listener(ConsumerRebalanceListener):
    def on_partitions_revoked(self, revoked):
        event("REVOKED", sorted(tp.partition for tp in revoked))

    def on_partitions_assigned(self, assigned):
        event("ASSIGNED", sorted(tp.partition for tp in assigned))


def member(args):
    stop = stop_flag()
    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=args.group, client_id=args.client_id,
                             partition_assignment_strategy=[ASSIGNORS[args.assignor]],
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
    member(parse_args())


if __name__ == "__main__":
    sys.exit(main())
