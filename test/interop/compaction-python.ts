// A CompactionClient (compaction-suite.ts) for a Python script under test/interop/py that takes
// the commands of compaction_common.py: updates, tombstones, read.
import { expect } from 'chai';
import type { CompactionClient, CompactionRead } from './compaction-suite';
import { BATCH_BYTES, DELETED, FILLER, KEYS, UPDATES } from './compaction-records';
import { PYTHON, runPy, runTool } from './run-tool';

export function pythonCompactionClient(name: string, prefix: string, script: string, probe: string): CompactionClient {
  return {
    name,
    prefix,
    async probe() {
      const r = await runTool(PYTHON, ['-c', probe], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`${name} is not usable from ${PYTHON}:\n${r.stderr}`);
    },
    async produce(kind, bootstrap, topic) {
      const [args, count, base] = kind === 'updates'
        ? [['--count', String(UPDATES), '--keys', String(KEYS)], UPDATES, 0]
        : [['--keys', String(DELETED), '--filler', String(FILLER), '--base', String(UPDATES)], DELETED + FILLER, UPDATES];
      const sent = await runPy(script, [kind, '--bootstrap', bootstrap, '--topic', topic, '--batch-bytes', String(BATCH_BYTES), ...args], 120_000);
      expect({ sent: sent.sent, acked: sent.acked, errors: sent.errors, errorKinds: sent.errorKinds }, `${name} ${kind}`)
        .to.deep.equal({ sent: count, acked: count, errors: 0, errorKinds: {} });
      expect({ offsetMismatches: sent.offsetMismatches, firstMismatch: sent.firstMismatch, lastOffset: sent.lastOffset },
        `${name} ${kind}: acknowledged offsets`).to.deep.equal({ offsetMismatches: 0, firstMismatch: null, lastOffset: base + count - 1 });
    },
    async read(bootstrap, topic, dumpFile): Promise<CompactionRead> {
      const r = await runPy(script, ['read', '--bootstrap', bootstrap, '--topic', topic, '--dump', dumpFile], 120_000);
      return { endOffset: r.endOffset, timedOut: r.timedOut, errors: r.errors };
    },
  };
}
