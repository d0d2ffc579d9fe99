// The interop assignor suite for one client: for each assignor the client offers, the scenario
// of assignors-scenario.ts (2 members, a 3rd joins, the 1st leaves cleanly, 6,000 records
// streaming in) against a samsa broker process, members in their own processes.
import { expect } from 'chai';
import { ChildBroker } from '../helpers/child-broker';
import { createTopics } from './setup';
import { runTool } from './run-tool';
import type { AssignorClient } from './assignors-members';
import { ASSIGNOR_PARTITIONS, ASSIGNOR_RECORDS, expectScenario, runScenario, type ScenarioMember } from './assignors-scenario';

/** The first join of a group waits this long for more members, so the first two usually join one generation. */
const INITIAL_REBALANCE_DELAY_MS = 500;

export function startAssignorsBroker(): Promise<ChildBroker> {
  return ChildBroker.start({ overrides: { 'num.network.threads': 2, 'num.io.threads': 2, 'group.initial.rebalance.delay.ms': INITIAL_REBALANCE_DELAY_MS } });
}

export function describeAssignors(client: AssignorClient): void {
  describe(`interop: partition assignors with ${client.name}`, function () {
    this.timeout(180_000);
    let broker: ChildBroker;
    const live: ScenarioMember[] = [];

    before(async () => {
      const r = await runTool(client.probe[0], client.probe[1], { timeoutMs: 60_000 }).catch((err) => ({ code: -1, stderr: String(err) }));
      expect(r.code, `${client.name} is not usable: ${r.stderr}`).to.equal(0);
      broker = await startAssignorsBroker();
    });
    afterEach(async () => { await Promise.all(live.splice(0).map((m) => m.kill())); });
    after(async () => { await broker?.cleanup(); });

    for (const c of client.cases) {
      it(`${c.assignor} (${c.rebalance}): 2 members, a 3rd joins, one leaves; ${ASSIGNOR_RECORDS} records streaming`, async () => {
        const name = `${client.prefix}-${c.assignor}`;
        await createTopics(broker.bootstrap, [name], ASSIGNOR_PARTITIONS);
        const r = await runScenario(c, { bootstrap: broker.bootstrap, topic: name, group: name, prefix: name }, (m) => live.push(m));
        console.log(`      ${expectScenario(c, r)}`);
      });
    }
  });
}
