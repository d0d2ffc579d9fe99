"""confluent-kafka-python (librdkafka) side of the interop tests. Run with /usr/bin/python3.

  produce --bootstrap B --topic T --codec C --count N [--ack-file F]
      Producer(compression.type=C, acks=all, murmur2 partitioner) sends records 0..N-1 (keys,
      values, headers from interop_common); prints RESULT {sent, acked, errors, ackSha256}
      from the delivery reports.
  consume --bootstrap B --topic T --partitions P [--dump F]
      Consumer with assign() from the beginning (a group.id is required but never joined;
      no commits), reads every partition up to its high watermark; prints RESULT
      {count, sha256, partitions, outOfOrder}.
  stream --bootstrap B --topic T --codec C --ack-file F [--max N] [--window W]
      Sends records 0,1,2,... (at most W undelivered) until SIGTERM or N records, printing
      ACKED <n> as delivery reports arrive; then flushes and prints RESULT; acks go to F.
"""
import argparse
import signal
import sys
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, Producer, TopicPartition

from interop_common import AckLog, Digest, emit, headers_of, key_of, progress, text, value_of


def quiet(conf, errors):
    # librdkafka logs connection-refused and "all brokers down" while the broker is killed:
    # errors go to a counter, logs are off.
    conf["log_level"] = 0
    conf["error_cb"] = lambda err: errors.append(str(err))
    return conf


def make_producer(args, errors, **extra):
    conf = {"bootstrap.servers": args.bootstrap, "compression.type": args.codec, "acks": "all",
            "linger.ms": 5, "partitioner": "murmur2"}
    conf.update(extra)
    return Producer(quiet(conf, errors))


def delivery(log):
    def cb(err, msg):
        if err is not None:
            log.fail(err)
        else:
            log.ok(int(msg.key()[1:]), msg.partition(), msg.offset())
    return cb


def send(producer, args, cb, i):
    while True:
        try:
            producer.produce(args.topic, key=key_of(i).encode(), value=value_of(i).encode(),
                             headers=[(n, v.encode()) for n, v in headers_of(i, args.codec)], on_delivery=cb)
            return
        except BufferError:
            producer.poll(0.05)


def produce(args):
    log, errors = AckLog(), []
    producer = make_producer(args, errors)
    cb = delivery(log)
    for i in range(args.count):
        send(producer, args, cb, i)
        if i % 1000 == 0:
            producer.poll(0)
    left = producer.flush(120)
    res = log.summary(args.count, args.ack_file)
    res["unflushed"] = left
    res["clientErrors"] = errors[:5]
    emit(res)


def stream(args):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    log, errors = AckLog(), []
    producer = make_producer(args, errors, **{"message.timeout.ms": 60000, "reconnect.backoff.max.ms": 500})
    cb = delivery(log)
    i = 0
    last_report = 0.0
    deadline = time.time() + args.max_seconds
    while not stop and i < args.max and time.time() < deadline:
        now = time.time()
        if now - last_report > 0.05:
            progress(len(log.acks))
            last_report = now
        if i - len(log.acks) - log.errors >= args.window:
            producer.poll(0.005)
            continue
        send(producer, args, cb, i)
        i += 1
        if i % 100 == 0:
            producer.poll(0)
    left = producer.flush(90)
    progress(len(log.acks))
    res = log.summary(i, args.ack_file)
    res["unflushed"] = left
    emit(res)


def consume(args):
    errors = []
    consumer = Consumer(quiet({"bootstrap.servers": args.bootstrap, "group.id": "samsa-interop",
                               "enable.auto.commit": False, "auto.offset.reset": "earliest"}, errors))
    end = {}
    for p in range(args.partitions):
        _, hi = consumer.get_watermark_offsets(TopicPartition(args.topic, p), timeout=30)
        end[p] = hi
    consumer.assign([TopicPartition(args.topic, p, OFFSET_BEGINNING) for p in range(args.partitions)])
    digest = Digest()
    deadline = time.time() + args.timeout
    next_offset = {p: 0 for p in end}
    pending = {p for p in end if end[p] > 0}
    fetch_errors = []
    while pending and time.time() < deadline:
        for m in consumer.consume(num_messages=20000, timeout=1.0):
            if m.error() is not None:
                if m.error().code() != KafkaError._PARTITION_EOF:
                    fetch_errors.append(str(m.error()))
                continue
            digest.add(m.partition(), m.offset(), text(m.key()), text(m.value()),
                       [(n, text(v)) for n, v in (m.headers() or [])])
            next_offset[m.partition()] = m.offset() + 1
        pending = {p for p in pending if next_offset[p] < end[p]}
    consumer.close()
    res = digest.summary(args.dump)
    res["endOffsets"] = {str(p): end[p] for p in end}
    res["timedOut"] = bool(pending)
    res["fetchErrors"] = fetch_errors[:5]
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
