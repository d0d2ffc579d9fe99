"""Shared by the interop client scripts: the deterministic record content, the digest of
consumed records, and the acknowledgement log. Must agree with test/interop/records.ts."""
import hashlib
import json
import sys

PAD = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2


def key_of(i):
    return "k%d" % i


def value_of(i):
    j = i % 62
    return "v%d-%s" % (i, PAD[j:j + 48])


def headers_of(i, codec):
    """Header list (name, value) of record i, in order."""
    return [("h", str(i)), ("c", codec)]


def header_text(headers):
    """Headers as kcat's %h prints them: n=v, comma separated ('' for none)."""
    return ",".join("%s=%s" % (n, v) for n, v in headers)


def text(b):
    if b is None:
        return ""
    return b.decode("utf-8") if isinstance(b, (bytes, bytearray)) else str(b)


class Digest:
    """Collects consumed records as 'partition:offset:key:value:headers' lines and summarises
    them in (partition, offset) order, noting any partition whose offsets were not increasing."""

    def __init__(self):
        self.lines = {}
        self.last = {}
        self.out_of_order = 0

    def add(self, partition, offset, key, value, headers):
        if offset <= self.last.get(partition, -1):
            self.out_of_order += 1
        self.last[partition] = offset
        self.lines.setdefault(partition, []).append(
            (offset, "%d:%d:%s:%s:%s" % (partition, offset, key, value, header_text(headers))))

    def summary(self, dump_path=None):
        h = hashlib.sha256()
        parts = {}
        count = 0
        out = open(dump_path, "w") if dump_path else None
        try:
            for p in sorted(self.lines):
                recs = sorted(self.lines[p])
                offs = [o for o, _ in recs]
                parts[str(p)] = {"count": len(recs), "first": offs[0], "last": offs[-1],
                                 "dense": offs == list(range(offs[0], offs[0] + len(offs)))}
                for _, line in recs:
                    h.update(line.encode("utf-8") + b"\n")
                    if out:
                        out.write(line + "\n")
                count += len(recs)
        finally:
            if out:
                out.close()
        return {"count": count, "sha256": h.hexdigest(), "partitions": parts, "outOfOrder": self.out_of_order}


class AckLog:
    """Acknowledged records (index, partition, offset) and failed ones, from delivery callbacks."""

    def __init__(self):
        self.acks = []
        self.errors = 0
        self.error_kinds = {}

    def ok(self, i, partition, offset):
        self.acks.append((i, partition, offset))

    def fail(self, err):
        self.errors += 1
        k = str(err)[:120]
        self.error_kinds[k] = self.error_kinds.get(k, 0) + 1

    def summary(self, sent, ack_path=None):
        acks = sorted(self.acks)
        h = hashlib.sha256()
        for i, p, o in acks:
            h.update(("%d:%d:%d\n" % (i, p, o)).encode("ascii"))
        if ack_path:
            with open(ack_path, "w") as f:
                for i, p, o in acks:
                    f.write("%d %d %d\n" % (i, p, o))
        return {"sent": sent, "acked": len(acks), "errors": self.errors,
                "errorKinds": dict(sorted(self.error_kinds.items(), key=lambda kv: -kv[1])[:5]),
                "ackSha256": h.hexdigest()}


def emit(obj):
    sys.stdout.write("RESULT " + json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()


def progress(acked):
    sys.stdout.write("ACKED %d\n" % acked)
    sys.stdout.flush()
