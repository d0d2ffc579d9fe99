// Log compaction (compaction-suite.ts) with kcat 1.7.x (librdkafka). Producing: `-P -p 0 -K '|'
// -l <file>` with one "key|value" line per record and batch.size below segment.bytes;
// tombstones are lines with an empty value, sent as NULL values by -Z ("send empty messages as
// NULL messages"). Reading: -Q for the high watermark, then `-C -p 0 -o beginning -e` with
// -f '%o %k %S %s\n' (%S prints -1 for a NULL value).
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import type { CompactionClient } from './compaction-suite';
import { describeCompaction } from './compaction-suite';
import { BATCH_BYTES, DELETED, FILLER, UPDATES, writtenAt } from './compaction-records';
import { runTool } from './run-tool';

const KCAT = 'kcat';

const kcatClient: CompactionClient = {
  name: 'kcat',
  prefix: 'kcat',
  async probe() {
    const v = await runTool(KCAT, ['-V'], { timeoutMs: 30_000 }).catch((err) => ({ code: -1, stdout: '', stderr: String(err) }));
    if (v.code !== 0) throw new Error(`kcat is not usable:\n${v.stderr}`);
  },
  async produce(kind, bootstrap, topic, scratch) {
    const [from, to] = kind === 'updates' ? [0, UPDATES] : [UPDATES, UPDATES + DELETED + FILLER];
    const rows: string[] = [];
    for (let o = from; o < to; o++) {
      const w = writtenAt(o);
      rows.push(`${w.key}|${w.value ?? ''}\n`);
    }
    const input = path.join(scratch, `${kind}.in`);
    fs.writeFileSync(input, rows.join(''));
    const r = await runTool(KCAT, ['-P', '-b', bootstrap, '-t', topic, '-p', '0', '-K', '|', '-Z',
      '-X', 'acks=all', '-X', `batch.size=${BATCH_BYTES}`, '-X', 'log_level=3', '-l', input], { timeoutMs: 120_000 });
    expect(r.code, `kcat -P (${kind}): ${r.stderr}`).to.equal(0);
    expect(r.stderr, `kcat -P (${kind})`).to.not.match(/fail|error/i);
  },
  async read(bootstrap, topic, dumpFile) {
    // the high watermark first (-Q with timestamp -1 prints "<topic> [0] offset <n>"), then -e
    // reads to the end of the partition
    const q = await runTool(KCAT, ['-Q', '-b', bootstrap, '-t', `${topic}:0:-1`, '-X', 'log_level=3'], { timeoutMs: 30_000 });
    const m = /\[0\] offset (-?\d+)/.exec(q.stdout);
    const r = await runTool(KCAT, ['-C', '-b', bootstrap, '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q',
      '-f', '%o %k %S %s\\n', '-X', 'log_level=3'], { timeoutMs: 120_000, stdoutFile: dumpFile });
    const errors: string[] = [];
    if (q.code !== 0 || !m) errors.push(`kcat -Q: exit ${q.code}, ${q.stdout.trim()} ${q.stderr.slice(-2000)}`);
    if (r.code !== 0) errors.push(`kcat -C: exit ${r.code}, ${r.stderr.slice(-2000)}`);
    return { endOffset: m ? Number(m[1]) : -1, timedOut: false, errors };
  },
};

describeCompaction(kcatClient);
