// Test 4 of the interop group suite: a group's committed offsets (stored in __consumer_offsets)
// after a clean broker restart (SIGTERM, same data dir) and after a kill -9 of the broker while
// a member is committing. The reference is what was acknowledged before the stop or kill: the
// Python members print COMMITTED after commit() returned; for every client the test also polls
// OffsetFetch (the broker's acknowledged view) until the kill.
import { expect } from 'chai';
import type { ChildBroker } from '../helpers/child-broker';
import { createTopics } from './setup';
import { type GroupClient, type GroupMember, type Started, stopAll } from './groups-members';
import { RecordSource } from './groups-records';
import { asObject, CommittedWatcher, fetchCommitted, GROUP_PARTITIONS, sleep, waitFor } from './groups-setup';

const PHASE_A_RECORDS = 15_000;
const RATE = 5000;

function maxConsumed(m: GroupMember): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of m.records) out.set(r.partition, Math.max(r.offset, out.get(r.partition) ?? -1));
  return out;
}

export function describeCommitTests(client: GroupClient, getBroker: () => ChildBroker, started: Started): void {
  const topic = `${client.prefix}-commits`;
  const group = `${client.prefix}-commits`;
  let src: RecordSource | undefined;
  /** committed offsets after the clean restart (all partitions) */
  let afterRestart: Map<number, number> | undefined;
  const parts = [...Array(GROUP_PARTITIONS).keys()];

  after(async () => { await src?.close(); });

  it('committed offsets are the same after a broker restart (SIGTERM, same data dir)', async () => {
    const broker = getBroker();
    await createTopics(broker.bootstrap, [topic], GROUP_PARTITIONS);
    src = new RecordSource(broker.bootstrap, topic, GROUP_PARTITIONS, 'commits');
    const m = started.add(client.member({ bootstrap: broker.bootstrap, topic, group, clientId: `${group}-m0` }));
    src.stream(PHASE_A_RECORDS, RATE);
    await src.done();
    expect(src.failed, 'records not acknowledged').to.equal(0);
    const end = src.perPartition;
    await waitFor(() => m.records.length >= PHASE_A_RECORDS, 60_000, () => `all ${PHASE_A_RECORDS} records (${m.records.length})`);
    if (client.reportsCommits) {
      await waitFor(() => parts.every((q) => m.lastCommitted().get(q) === end[q]), 30_000,
        () => `commits up to the end offsets ${JSON.stringify(end)}: ${JSON.stringify(asObject(m.lastCommitted()))}`);
    }
    await stopAll([m]);
    const before = await fetchCommitted(broker.bootstrap, group, topic);
    expect(asObject(before), 'committed after the member closed = end offsets').to.deep.equal(asObject(new Map(end.map((o, q) => [q, o]))));
    if (client.reportsCommits) expect(asObject(before), 'OffsetFetch = acknowledged commits').to.deep.equal(asObject(m.lastCommitted()));
    const t0 = Date.now();
    await broker.restart();
    afterRestart = await fetchCommitted(broker.bootstrap, group, topic);
    console.log(`      ${m.commits.length || 'auto'} commits; committed ${JSON.stringify(asObject(before))}; restart took ${Date.now() - t0} ms`);
    expect(asObject(afterRestart), 'OffsetFetch after the restart').to.deep.equal(asObject(before));
  });

  it('keeps every acknowledged commit over a kill -9 of the broker during commits', async () => {
    expect(afterRestart, 'the restart test ran').to.not.equal(undefined);
    const broker = getBroker();
    const base = afterRestart!;
    await src!.reconnect(broker.bootstrap);
    const m = started.add(client.member({ bootstrap: broker.bootstrap, topic, group, clientId: `${group}-m1` }));
    const watcher = new CommittedWatcher(broker.bootstrap, group, topic);
    let closing: Promise<void> | undefined;
    try {
      src!.stream(100_000, RATE);
      // kill right after OffsetFetch showed a new commit (kcat commits every 5 s; the Python
      // members after every poll, so their commits are in flight at the kill)
      await waitFor(() => m.records.length >= 3000 && parts.every((q) => m.records.some((r) => r.partition === q))
        && watcher.changed >= 1 && (!client.reportsCommits || m.commits.length >= 5), 60_000,
        () => `commits flowing: ${m.records.length} records, ${m.commits.length} commits reported, OffsetFetch changed ${watcher.changed} times`);
      // the member resumed from the offsets committed before the restart
      const first = parts.map((q) => Math.min(...m.records.filter((r) => r.partition === q).map((r) => r.offset)));
      expect(first, 'first offsets read after the restart').to.deep.equal(parts.map((q) => base.get(q)));
      const observed = new Map(watcher.latest!);
      const observedAge = Date.now() - watcher.latestAt;
      await getBroker().kill();
      src!.stop();
      closing = src!.close();
      await m.kill();
      await watcher.stop();
      // no commit can succeed once the broker is gone: all COMMITTED lines are from before the kill
      const acked = m.lastCommitted();
      const attempted = m.lastAttempted();
      const consumed = maxConsumed(m);
      await broker.restart();
      const got = await fetchCommitted(broker.bootstrap, group, topic);
      console.log(`      at the kill: OffsetFetch ${JSON.stringify(asObject(observed))} (${observedAge} ms old), ` +
        `${client.reportsCommits ? `acknowledged ${JSON.stringify(asObject(acked))} (${m.commits.length} commits), ` : ''}after restart ${JSON.stringify(asObject(got))}`);
      for (const q of parts) {
        const g = got.get(q)!;
        expect(g, `partition ${q}: committed after the kill vs OffsetFetch before it`).to.be.at.least(observed.get(q)!);
        expect(g, `partition ${q}: committed after the kill vs before the restart`).to.be.at.least(base.get(q)!);
        expect(g, `partition ${q}: committed after the kill vs consumed`).to.be.at.most((consumed.get(q) ?? base.get(q)! - 1) + 1);
        if (client.reportsCommits) {
          expect(g, `partition ${q}: committed after the kill vs acknowledged`).to.be.at.least(acked.get(q) ?? base.get(q)!);
          const tried = new Set([base.get(q)!, ...m.attempts.map((a) => a.offsets.get(q)).filter((o): o is number => o !== undefined)]);
          expect(tried.has(g), `partition ${q}: ${g} is an offset the member committed (last tried ${attempted.get(q)})`).to.equal(true);
        }
      }
      expect(asObject(got), 'commits after the restart advanced').to.not.deep.equal(asObject(base));
    } finally {
      await m.kill();
      await watcher.stop();
      await (closing ?? src!.close()).catch(() => undefined);
      src = undefined;
    }
  });
}
