"""Shared by the consumer-group member scripts (group_kafka_python.py, group_confluent.py).

A member prints, on stdout, one line per consumed record in the digest format of
interop_common ("partition:offset:key:value:headers") and event lines starting with "# ":

  # SUBSCRIBED
  # ASSIGNED [partitions]          # REVOKED [partitions]
  # COMMITTING {"p": next offset}  before a synchronous commit of what was just printed
  # COMMITTED {"p": next offset}   after the commit returned successfully (acknowledged)
  # COMMIT_FAILED {"error": ..., "offsets": {...}}
  # CLOSED                         after a clean close (SIGTERM) left the group

Records are written and flushed before their offsets are committed, so a record whose offset
was acknowledged as committed has always been printed, even if the member is killed next.
"""
import argparse
import json
import signal
import sys

from interop_common import header_text


def record_line(partition, offset, key, value, headers):
    return "%d:%d:%s:%s:%s\n" % (partition, offset, key, value, header_text(headers))


def write_records(lines):
    if lines:
        sys.stdout.write("".join(lines))
        sys.stdout.flush()


def event(kind, obj=None):
    sys.stdout.write("# %s%s\n" % (kind, "" if obj is None else " " + json.dumps(obj, sort_keys=True)))
    sys.stdout.flush()


def offsets_obj(pairs):
    """{partition: next offset} as a JSON object with string keys."""
    return {str(p): o for p, o in sorted(pairs)}


def stop_flag():
    """A list that becomes non-empty on SIGTERM (the poll loop checks it)."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    return stop


def member_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["member"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--client-id", required=True)
    ap.add_argument("--session-ms", type=int, default=6000)
    ap.add_argument("--heartbeat-ms", type=int, default=2000)
    ap.add_argument("--max-records", type=int, default=500)
    return ap.parse_args()
