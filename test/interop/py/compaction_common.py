"""Shared by the compaction interop scripts (compaction_kafka_python.py, compaction_confluent.py):
the records they write, the command line, the acknowledgement summary and the dump of a read.
Must agree with test/interop/compaction-records.ts.

  Producers keep batches below --batch-bytes (the topic's segment.bytes is 64 KiB).

  updates    --bootstrap B --topic T --count N --keys K
      record n (0 <= n < N) has key "key-<n % K>" and value "value-<n>"; expected at offset n.
  tombstones --bootstrap B --topic T --keys D --filler F --base O
      a NULL value for keys "key-0".."key-<D-1>", then F records "filler-<i % 1000>" = "f-<i>";
      the i-th record of the invocation is expected at offset O + i.
  read       --bootstrap B --topic T --dump FILE
      reads partition 0 from the beginning up to its high watermark and writes one line per
      record: "<offset> <key> <value length or -1 for NULL> <value>" (kcat's -f '%o %k %S %s\\n').

produce commands print RESULT {sent, acked, errors, errorKinds, offsetMismatches, firstMismatch,
lastOffset}; read prints RESULT {count, endOffset, timedOut, errors} (errors: fetch errors the client reported).
"""
import argparse
import json
import sys


def update_records(count, keys):
    for n in range(count):
        yield ("key-%d" % (n % keys)).encode(), ("value-%d" % n).encode()


def tombstone_records(deleted, filler):
    for k in range(deleted):
        yield ("key-%d" % k).encode(), None
    for i in range(filler):
        yield ("filler-%d" % (i % 1000)).encode(), ("f-%d" % i).encode()


def records_of(args):
    if args.cmd == "updates":
        return update_records(args.count, args.keys)
    return tombstone_records(args.keys, args.filler)


class Acks:
    """Delivery results by record index; each acknowledged offset must be base + index."""

    def __init__(self, base):
        self.base = base
        self.sent = 0
        self.acked = 0
        self.errors = 0
        self.error_kinds = {}
        self.mismatches = 0
        self.first_mismatch = None
        self.last_offset = -1

    def ok(self, i, offset):
        self.acked += 1
        self.last_offset = max(self.last_offset, offset)
        if offset != self.base + i:
            self.mismatches += 1
            if self.first_mismatch is None:
                self.first_mismatch = "record %d acknowledged at offset %d" % (i, offset)

    def fail(self, err):
        self.errors += 1
        k = str(err)[:120]
        self.error_kinds[k] = self.error_kinds.get(k, 0) + 1

    def summary(self):
        return {"sent": self.sent, "acked": self.acked, "errors": self.errors,
                "errorKinds": dict(sorted(self.error_kinds.items(), key=lambda kv: -kv[1])[:5]),
                "offsetMismatches": self.mismatches, "firstMismatch": self.first_mismatch,
                "lastOffset": self.last_offset}


class Dump:
    """The read's dump file, plus the offsets seen (for RESULT)."""

    def __init__(self, path):
        self.f = open(path, "w")
        self.count = 0

    def add(self, offset, key, value):
        k = "" if key is None else key.decode("utf-8")
        if value is None:
            self.f.write("%d %s -1 \n" % (offset, k))
        else:
            v = value.decode("utf-8")
            self.f.write("%d %s %d %s\n" % (offset, k, len(value), v))
        self.count += 1

    def close(self):
        self.f.close()


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["updates", "tombstones", "read"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--keys", type=int, default=0)
    ap.add_argument("--filler", type=int, default=0)
    ap.add_argument("--base", type=int, default=0)
    ap.add_argument("--batch-bytes", type=int, default=16384)
    ap.add_argument("--dump")
    ap.add_argument("--timeout", type=float, default=60)
    return ap.parse_args()


def emit(obj):
    sys.stdout.write("RESULT " + json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()
