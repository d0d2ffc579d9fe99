// The interop consumer-group suite for one client (kcat -G, kafka-python, confluent-kafka), each
// member in its own process against a samsa broker process:
//   1. 3 members of one group share a 6-partition topic of 60,000 records: each record is
//      consumed exactly once (by partition, offset and content), every member gets a share.
//   2. a member is killed (SIGKILL) during consumption: its partitions move to the others within
//      the session timeout (plus the rejoin), nothing is missing, and every duplicate is
//      uncommitted work of the killed member (at or after its committed offset at the kill).
//   3. two groups on the same topic each receive every record.
//   4. committed offsets are the same after a broker restart (SIGTERM) and keep every commit
//      acknowledged before a kill -9 of the broker.
import { expect } from 'chai';
import type { ChildBroker } from '../helpers/child-broker';
import { createTopics } from './setup';
import { type GroupClient, type GroupMember, HEARTBEAT_MS, SESSION_MS, Started, stopAll } from './groups-members';
import { describeTally, RecordSource, tally } from './groups-records';
import { GROUP_PARTITIONS, GROUP_RECORDS, fetchCommitted, owners, sleep, startGroupsBroker, waitFor, waitForStableGroup } from './groups-setup';
import { describeCommitTests } from './groups-commits';

/** Kill test: the coordinator notices a dead member after the session timeout; the others rejoin at their next heartbeat. */
export const MOVE_LIMIT_MS = SESSION_MS + 2 * HEARTBEAT_MS + 2000;
/** After the last expected record arrived, how long to watch for extra (duplicate) deliveries. */
const SETTLE_MS = 1000;

const distinctOf = (members: GroupMember[]): number => new Set(members.flatMap((m) => m.records.map((r) => `${r.partition}:${r.offset}`))).size;

export function describeGroupClient(client: GroupClient): void {
  describe(`interop: consumer groups with ${client.name}`, function () {
    this.timeout(300_000);
    let broker: ChildBroker;
    const started = new Started();
    const p = client.prefix;
    const sharedTopic = `${p}-shared`;
    let shared: RecordSource | undefined;

    before(async () => {
      await client.probe();
      broker = await startGroupsBroker();
      await createTopics(broker.bootstrap, [sharedTopic, `${p}-kill`], GROUP_PARTITIONS);
    });
    afterEach(async () => { await started.killAll(); });
    after(async () => {
      await started.killAll();
      await shared?.close();
      await broker?.cleanup();
    });

    it(`3 members share a ${GROUP_PARTITIONS}-partition topic: ${GROUP_RECORDS} records, each consumed exactly once`, async () => {
      const group = `${p}-shared`;
      const ids = [0, 1, 2].map((i) => `${group}-m${i}`);
      const members = ids.map((clientId) => started.add(client.member({ bootstrap: broker.bootstrap, topic: sharedTopic, group, clientId })));
      const t0 = Date.now();
      const desc = await waitForStableGroup(broker.bootstrap, group, sharedTopic, ids, 60_000);
      const stableMs = Date.now() - t0;
      const own = owners(desc, sharedTopic, GROUP_PARTITIONS)!;
      shared = new RecordSource(broker.bootstrap, sharedTopic, GROUP_PARTITIONS, 'shared');
      await shared.produce(GROUP_RECORDS);
      expect({ acked: shared.acked.size, failed: shared.failed }).to.deep.equal({ acked: GROUP_RECORDS, failed: 0 });
      await waitFor(() => distinctOf(members) >= GROUP_RECORDS, 120_000, () => `all records: ${describeTally(tally(shared!.acked, members))}`);
      await sleep(SETTLE_MS);
      await stopAll(members);
      const t = tally(shared.acked, members);
      console.log(`      group stable with 3 members after ${stableMs} ms; ${describeTally(t)}`);
      expect(t.wrong, 'records not as produced').to.deep.equal([]);
      expect(t.missing.length, 'missing records').to.equal(0);
      expect([...t.duplicates.keys()].slice(0, 10), 'records consumed more than once').to.deep.equal([]);
      expect(t.consumed).to.equal(GROUP_RECORDS);
      for (const m of members) {
        expect(m.records.length, `${m.name}'s share`).to.be.greaterThan(0);
        const foreign = m.records.filter((r) => own.get(r.partition) !== m.name);
        expect(foreign.length, `${m.name} read partitions assigned to others (${foreign[0]?.line})`).to.equal(0);
      }
    });

    it('a killed member\'s partitions move to the others within the session timeout; nothing is missing', async () => {
      const topic = `${p}-kill`;
      const group = `${p}-kill`;
      const ids = [0, 1, 2].map((i) => `${group}-m${i}`);
      const members = ids.map((clientId) => started.add(client.member({ bootstrap: broker.bootstrap, topic, group, clientId })));
      const [victim, ...survivors] = members;
      const desc = await waitForStableGroup(broker.bootstrap, group, topic, ids, 60_000);
      const killedParts = [...owners(desc, topic, GROUP_PARTITIONS)!].filter(([, id]) => id === victim.name).map(([part]) => part).sort();
      const src = new RecordSource(broker.bootstrap, topic, GROUP_PARTITIONS, 'kill');
      try {
        src.stream(GROUP_RECORDS, 6000);
        await waitFor(() => victim.records.length >= 1500 && distinctOf(members) >= 10_000, 60_000, () => `consumption before the kill: ${describeTally(tally(src.acked, members))}`);
        await victim.kill();
        const killedAt = Date.now();
        // nobody else owns the victim's partitions before the session timeout: what OffsetFetch
        // answers now is what the victim committed (an OffsetCommit it wrote before dying has landed)
        await sleep(300);
        const atKill = await fetchCommitted(broker.bootstrap, group, topic);
        const moved = await waitForStableGroup(broker.bootstrap, group, topic, ids.slice(1), 30_000);
        const moveMs = Date.now() - killedAt;
        await src.done();
        expect(src.failed, 'records not acknowledged').to.equal(0);
        await waitFor(() => distinctOf(members) >= src.acked.size, 120_000, () => `every record after the kill: ${describeTally(tally(src.acked, members))}`);
        await sleep(SETTLE_MS);
        await stopAll(survivors);

        const t = tally(src.acked, members);
        const firstAfter = killedParts.map((part) => Math.min(...survivors.flatMap((m) => m.records.filter((r) => r.partition === part).map((r) => r.offset))));
        console.log(`      victim owned partitions ${killedParts.join(',')} (committed at kill ${killedParts.map((k) => atKill.get(k)).join(',')}; ` +
          `survivors started them at ${firstAfter.join(',')}); moved to ${JSON.stringify(moved.members.map((m) => [m.clientId, m.assignment.map((tp) => tp.partition)]))} ` +
          `${moveMs} ms after the kill (limit ${MOVE_LIMIT_MS}); ${describeTally(t)}`);
        expect(t.wrong, 'records not as produced').to.deep.equal([]);
        expect(t.missing.length, `missing records (${t.missing.slice(0, 5).join(' ')})`).to.equal(0);
        expect(moveMs, 'time until the victim\'s partitions were reassigned').to.be.at.most(MOVE_LIMIT_MS);
        // the new owners start each of the victim's partitions at its committed offset
        expect(firstAfter, 'first offsets the survivors read of the victim\'s partitions').to.deep.equal(killedParts.map((k) => Math.max(0, atKill.get(k) ?? -1)));
        if (client.reportsCommits) {
          // every commit the victim saw acknowledged is in OffsetFetch; nothing it did not try is
          for (const [part, o] of victim.lastCommitted()) expect(atKill.get(part), `partition ${part}: committed at the kill vs acknowledged`).to.be.at.least(o);
          for (const part of killedParts) expect(atKill.get(part), `partition ${part}: committed at the kill vs attempted`).to.be.at.most(victim.lastAttempted().get(part) ?? -1);
        }
        // duplicates only from the victim's uncommitted work
        const bad: string[] = [];
        for (const [k, l] of t.duplicates) {
          const [part, off] = k.split(':').map(Number);
          const ok = killedParts.includes(part) && off >= (atKill.get(part) ?? -1) && l.length === 2 && l[0].member === victim.name && l[1].member !== victim.name;
          if (!ok && bad.length < 10) bad.push(`${k} consumed by ${l.map((x) => x.member).join(', ')} (committed at kill: ${atKill.get(part)})`);
        }
        expect(bad, 'duplicates that are not uncommitted work of the killed member').to.deep.equal([]);
        for (const m of survivors) expect(m.records.length, `${m.name}'s share`).to.be.greaterThan(0);
      } finally {
        await src.close();
      }
    });

    it('two groups on the same topic each receive every record', async () => {
      expect(shared?.acked.size, 'the first test produced the topic').to.equal(GROUP_RECORDS);
      const [a, b] = ['a', 'b'].map((g) => started.add(client.member({ bootstrap: broker.bootstrap, topic: sharedTopic, group: `${p}-${g}`, clientId: `${p}-${g}-m0` })));
      await waitFor(() => distinctOf([a]) >= GROUP_RECORDS && distinctOf([b]) >= GROUP_RECORDS, 120_000,
        () => `both groups: a ${describeTally(tally(shared!.acked, [a]))}; b ${describeTally(tally(shared!.acked, [b]))}`);
      await sleep(SETTLE_MS);
      await stopAll([a, b]);
      for (const m of [a, b]) {
        const t = tally(shared!.acked, [m]);
        console.log(`      group ${m.name.slice(0, -3)}: ${describeTally(t)}`);
        expect(t.wrong, 'records not as produced').to.deep.equal([]);
        expect({ missing: t.missing.length, duplicated: t.duplicates.size, consumed: t.consumed }).to.deep.equal({ missing: 0, duplicated: 0, consumed: GROUP_RECORDS });
      }
    });

    describeCommitTests(client, () => broker, started);
  });
}
