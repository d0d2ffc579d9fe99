"""kafka-python (2.0.x) side of the interop tests. Run with /usr/bin/python3.

  produce --bootstrap B --topic T --codec C --count N [--ack-file F]
      KafkaProducer(compression_type=C, acks=all) sends records 0..N-1 (keys, values, headers
      from interop_common); prints RESULT {sent, acked, errors, ackSha256} from the futures.
  consume --bootstrap B --topic T --partitions P [--dump F]
      KafkaConsumer without a group, assign() + seek_to_beginning, reads every partition up to
      its end offset; prints RESULT {count, sha256, partitions, outOfOrder}.
  stream --bootstrap B --topic T --codec C --ack-file F [--max N] [--window W]
      Sends records 0,1,2,... (at most W unacknowledged) until SIGTERM or N records, printing
      ACKED <n> as acknowledgements arrive; then flushes and prints RESULT; acks go to F.
"""
import argparse
import logging
import signal
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from interop_common import AckLog, Digest, emit, headers_of, key_of, progress, text, value_of

# Connection-refused and retry chatter while the broker is down is expected in the kill tests.
logging.getLogger("kafka").addHandler(logging.NullHandler())
logging.getLogger("kafka").setLevel(logging.CRITICAL + 1)
logging.getLogger("kafka").propagate = False


def make_producer(args, **extra):
    return KafkaProducer(bootstrap_servers=args.bootstrap,
                         compression_type=None if args.codec == "none" else args.codec, acks="all",
                         linger_ms=5, batch_size=64 * 1024, **extra)


def send(producer, args, log, i):
    fut = producer.send(args.topic, key=key_of(i).encode(), value=value_of(i).encode(),
                        headers=[(n, v.encode()) for n, v in headers_of(i, args.codec)])
    fut.add_callback(lambda md: log.ok(i, md.partition, md.offset))
    fut.add_errback(log.fail)


def produce(args):
    log = AckLog()
    producer = make_producer(args)
    for i in range(args.count):
        send(producer, args, log, i)
    producer.flush(timeout=120)
    producer.close(timeout=10)
    emit(log.summary(args.count, args.ack_file))


def stream(args):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    log = AckLog()
    producer = make_producer(args, retries=5, retry_backoff_ms=200, request_timeout_ms=10000,
                             max_block_ms=10000, reconnect_backoff_max_ms=500)
    i = 0
    last_report = 0.0
    deadline = time.time() + args.max_seconds
    while not stop and i < args.max and time.time() < deadline:
        now = time.time()
        if now - last_report > 0.05:
            progress(len(log.acks))
            last_report = now
        if i - len(log.acks) - log.errors >= args.window:
            time.sleep(0.002)
            continue
        try:
            send(producer, args, log, i)
        except Exception as e:  # buffer full / metadata timeout while the broker is down
            log.fail(e)
        i += 1
    producer.flush(timeout=60)
    producer.close(timeout=10)
    progress(len(log.acks))
    emit(log.summary(i, args.ack_file))


def consume(args):
    consumer = KafkaConsumer(bootstrap_servers=args.bootstrap, group_id=None, enable_auto_commit=False,
                             auto_offset_reset="earliest", max_partition_fetch_bytes=4 * 1024 * 1024)
    tps = [TopicPartition(args.topic, p) for p in range(args.partitions)]
    consumer.assign(tps)
    consumer.seek_to_beginning()
    end = consumer.end_offsets(tps)
    digest = Digest()
    deadline = time.time() + args.timeout
    pending = {tp for tp in tps if end[tp] > 0}
    while pending and time.time() < deadline:
        for tp, msgs in consumer.poll(timeout_ms=1000, max_records=20000).items():
            for m in msgs:
                digest.add(m.partition, m.offset, text(m.key), text(m.value),
                           [(n, text(v)) for n, v in (m.headers or [])])
        pending = {tp for tp in pending if consumer.position(tp) < end[tp]}
    consumer.close()
    res = digest.summary(args.dump)
    res["endOffsets"] = {str(tp.partition): end[tp] for tp in tps}
    res["timedOut"] = bool(pending)
    emit(res)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["produce", "consume", "stream"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--codec", default="none")
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--partitions", type=int, default=1)
    ap.add_argument("--ack-file")
    ap.add_argument("--dump")
    ap.add_argument("--max", type=int, default=10 ** 7)
    ap.add_argument("--max-seconds", type=float, default=180)
    ap.add_argument("--window", type=int, default=5000)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    {"produce": produce, "consume": consume, "stream": stream}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
