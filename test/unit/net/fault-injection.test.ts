// Fault rules: matching and order, counts shared by processors (and threads), expiry,
// error-shaped answers, the registry, and name resolution of the embedding API.
import { expect } from 'chai';
import * as path from 'path';
import { Worker } from 'worker_threads';
import '../../../src/api/index';
import { apiFor } from '../../../src/api/registry';
import { NO_RESPONSE, type ApiDefinition, type RequestContext } from '../../../src/api/types';
import { apiKeyOf, errorCodeOf } from '../../../src/embed/fault-control';
import { FAULT_DROP, FaultRegistry, FaultSet, overwriteErrorCodes, type FaultRuleData } from '../../../src/net/fault-injection';
import { ErrorCode } from '../../../src/protocol/error-codes';

const PRODUCE = 0;
const FETCH = 1;
const METADATA = 3;

/** A registry whose rules go to `sets` (as the broker's layouts copy them to processors). */
function rig(n = 1): { reg: FaultRegistry; sets: FaultSet[]; published: FaultRuleData[][] } {
  const sets = Array.from({ length: n }, () => new FaultSet());
  const published: FaultRuleData[][] = [];
  const reg = new FaultRegistry(async (rules) => { published.push(rules); for (const s of sets) s.update(rules); });
  return { reg, sets, published };
}

const ctx = { header: { apiKey: 0, apiVersion: 9, correlationId: 1, clientId: 't' } } as unknown as RequestContext;

function fakeApi(apiKey: number, withErrorResponse = false): ApiDefinition {
  return {
    apiKey, name: `Fake${apiKey}`, minVersion: 0, maxVersion: 0,
    handle: () => ({}),
    ...(withErrorResponse ? { errorResponse: (_c: RequestContext, _r: unknown, code: number) => ({ errorCode: code, fromErrorResponse: true }) } : {}),
  };
}

describe('net/fault-injection', () => {
  describe('FaultSet', () => {
    it('is inactive with no rules, and again once every rule is removed', async () => {
      const { reg, sets: [set] } = rig();
      expect(set.active).to.equal(false);
      const a = await reg.add({ apiKey: PRODUCE, kind: 'delay', delayMs: 5 });
      expect(set.active).to.equal(true);
      await reg.remove(a.id);
      expect(set.active).to.equal(false);
    });

    it('fires the rules of the request api key in order: delays add up, the first drop or error ends the list', async () => {
      const { reg, sets: [set] } = rig();
      const d1 = await reg.add({ apiKey: PRODUCE, kind: 'delay', delayMs: 10 });
      await reg.add({ apiKey: FETCH, kind: 'error', errorCode: 3 });
      const d2 = await reg.add({ apiKey: PRODUCE, kind: 'delay', delayMs: 20 });
      const e = await reg.add({ apiKey: PRODUCE, kind: 'error', errorCode: 6 });
      const after = await reg.add({ apiKey: PRODUCE, kind: 'drop' });
      const fired = set.take(PRODUCE);
      expect(fired.map((r) => r.id)).to.deep.equal([d1.id, d2.id, e.id]);
      expect(reg.info(after.id)!.hits).to.equal(0);
      expect(reg.info(d1.id)!.hits).to.equal(1);
      expect(set.take(METADATA)).to.deep.equal([]);
    });

    it('consumes a count once across processors, then unloads the rule', async () => {
      const { reg, sets } = rig(3);
      const r = await reg.add({ apiKey: PRODUCE, kind: 'error', errorCode: 6, count: 4 });
      let fired = 0;
      for (let i = 0; i < 12; i++) fired += sets[i % 3].take(PRODUCE).length;
      expect(fired).to.equal(4);
      expect(reg.info(r.id)).to.include({ hits: 4, remaining: 0 });
      for (const s of sets) expect(s.active).to.equal(false);
    });

    it('consumes a count once across threads', async () => {
      const { reg, published } = rig(0);
      const r = await reg.add({ apiKey: PRODUCE, kind: 'drop', count: 1000 });
      const modulePath = path.join(__dirname, '..', '..', '..', 'src', 'net', 'fault-injection.js');
      const code = `
        const { parentPort, workerData } = require('worker_threads');
        const { FaultSet } = require(workerData.modulePath);
        const set = new FaultSet();
        set.update(workerData.rules);
        let n = 0;
        for (let i = 0; i < 2000; i++) n += set.take(0).length;
        parentPort.postMessage(n);`;
      const counts = await Promise.all([0, 1, 2, 3].map(() => new Promise<number>((resolve, reject) => {
        const w = new Worker(code, { eval: true, workerData: { modulePath, rules: published[published.length - 1] } });
        w.once('message', resolve);
        w.once('error', reject);
      })));
      expect(counts.reduce((a, b) => a + b, 0)).to.equal(1000);
      expect(reg.info(r.id)).to.include({ hits: 1000, remaining: 0 });
    });

    it('stops firing a rule whose duration has passed', async () => {
      const { reg, sets: [set] } = rig();
      const r = await reg.add({ apiKey: PRODUCE, kind: 'delay', delayMs: 1, durationMs: 1000 });
      const now = Date.now();
      expect(set.take(PRODUCE, now)).to.have.length(1);
      expect(set.take(PRODUCE, now + 1000)).to.have.length(0);
      expect(set.active).to.equal(false);
      expect(reg.info(r.id)!.hits).to.equal(1);
    });
  });

  describe('FaultSet.apply', () => {
    it('answers with the API errorResponse without handling the request', async () => {
      const { reg, sets: [set] } = rig();
      await reg.add({ apiKey: PRODUCE, kind: 'error', errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
      let ran = false;
      const req = { acks: -1, timeoutMs: 1000, transactionalId: null, topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.alloc(1) }, { index: 1, records: Buffer.alloc(1) }] }] };
      const res: any = await set.apply(apiFor(PRODUCE)!, ctx, req, async () => { ran = true; return {}; });
      expect(ran).to.equal(false);
      expect(res.responses[0].partitionResponses.map((p: any) => p.errorCode)).to.deep.equal([6, 6]);
    });

    it('gives no answer to an acks=0 produce', async () => {
      const { reg, sets: [set] } = rig();
      await reg.add({ apiKey: PRODUCE, kind: 'error', errorCode: 6 });
      const res = await set.apply(apiFor(PRODUCE)!, ctx, { acks: 0, topicData: [] }, async () => ({}));
      expect(res).to.equal(NO_RESPONSE);
    });

    it('without an errorResponse, handles the request and sets every errorCode of the answer', async () => {
      const { reg, sets: [set] } = rig();
      await reg.add({ apiKey: FETCH, kind: 'error', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
      let ran = false;
      const res: any = await set.apply(fakeApi(FETCH), ctx, {}, async () => {
        ran = true;
        return { errorCode: 0, responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, records: Buffer.from('x'), highWatermark: 1 }] }] };
      });
      expect(ran).to.equal(true);
      expect(res.errorCode).to.equal(3);
      expect(res.responses[0].partitions[0]).to.include({ errorCode: 3, records: null, highWatermark: 1 });
    });

    it('uses errorResponse of any API that has one', async () => {
      const { reg, sets: [set] } = rig();
      await reg.add({ apiKey: METADATA, kind: 'error', errorCode: 7 });
      const res: any = await set.apply(fakeApi(METADATA, true), ctx, {}, async () => { throw new Error('must not run'); });
      expect(res).to.deep.equal({ errorCode: 7, fromErrorResponse: true });
    });

    it('drops before handling by default, after handling when asked', async () => {
      const { reg, sets: [set] } = rig();
      const before = await reg.add({ apiKey: PRODUCE, kind: 'drop', count: 1 });
      let runs = 0;
      const run = async () => { runs++; return {}; };
      expect(await set.apply(fakeApi(PRODUCE), ctx, {}, run)).to.equal(FAULT_DROP);
      expect(runs).to.equal(0);
      await reg.remove(before.id);
      await reg.add({ apiKey: PRODUCE, kind: 'drop', afterHandling: true, count: 1 });
      expect(await set.apply(fakeApi(PRODUCE), ctx, {}, run)).to.equal(FAULT_DROP);
      expect(runs).to.equal(1);
      expect(await set.apply(fakeApi(PRODUCE), ctx, {}, run)).to.deep.equal({});
    });

    it('holds a delayed answer until the delay has passed, after handling', async () => {
      const { reg, sets: [set] } = rig();
      await reg.add({ apiKey: PRODUCE, kind: 'delay', delayMs: 40 });
      const events: string[] = [];
      const p = set.apply(fakeApi(PRODUCE), ctx, {}, async () => { events.push('handled'); return { ok: 1 }; }).then((r) => { events.push('answered'); return r; });
      await new Promise((r) => setImmediate(r));
      expect(events).to.deep.equal(['handled']);
      const timer = new Promise((r) => setTimeout(() => { events.push('timer'); r(null); }, 5));
      await Promise.all([p, timer]);
      expect(events).to.deep.equal(['handled', 'timer', 'answered']);
      expect(await p).to.deep.equal({ ok: 1 });
    });
  });

  describe('FaultRegistry', () => {
    it('keeps hits of removed and cleared rules, and lists every rule', async () => {
      const { reg, sets: [set] } = rig();
      const a = await reg.add({ apiKey: PRODUCE, kind: 'error', errorCode: 6 });
      const b = await reg.add({ apiKey: METADATA, kind: 'drop', count: 2 });
      set.take(PRODUCE);
      set.take(METADATA);
      expect(await reg.remove(a.id)).to.equal(true);
      expect(await reg.remove(a.id)).to.equal(false);
      await reg.clear();
      expect(set.active).to.equal(false);
      expect(reg.list().map((i) => [i.id, i.api, i.hits, i.removed, i.remaining])).to.deep.equal([[a.id, 'Produce', 1, true, null], [b.id, 'Metadata', 1, true, 1]]);
    });

    it('rejects invalid rules', async () => {
      const { reg } = rig();
      for (const bad of [
        { apiKey: 9999, kind: 'drop' }, { apiKey: 0, kind: 'explode' }, { apiKey: 0, kind: 'delay', delayMs: -1 },
        { apiKey: 0, kind: 'error', errorCode: 1.5 }, { apiKey: 0, kind: 'drop', count: 0 }, { apiKey: 0, kind: 'drop', durationMs: 0 },
      ]) {
        let err: unknown;
        try { await reg.add(bad as any); } catch (e) { err = e; }
        expect(err, JSON.stringify(bad)).to.be.instanceOf(RangeError);
      }
      expect(reg.list()).to.deep.equal([]);
    });
  });

  it('overwriteErrorCodes sets nested errorCode fields and leaves other fields', () => {
    const body = { throttleTimeMs: 0, topics: [{ name: 'a', errorCode: 0, partitions: [{ errorCode: 0, leaderId: 1 }, { errorCode: 0 }] }], brokers: [{ nodeId: 1 }] };
    expect(overwriteErrorCodes(body, 3)).to.equal(3);
    expect(body.topics[0].errorCode).to.equal(3);
    expect(body.topics[0].partitions).to.deep.equal([{ errorCode: 3, leaderId: 1 }, { errorCode: 3 }]);
    expect(body.brokers).to.deep.equal([{ nodeId: 1 }]);
  });

  it('resolves api and error names', () => {
    expect(apiKeyOf('Produce')).to.equal(0);
    expect(apiKeyOf('metadata')).to.equal(3);
    expect(apiKeyOf(18)).to.equal(18);
    expect(() => apiKeyOf('Nope')).to.throw(RangeError);
    expect(errorCodeOf('NOT_LEADER_OR_FOLLOWER')).to.equal(6);
    expect(errorCodeOf('unknown_topic_or_partition')).to.equal(3);
    expect(errorCodeOf(-1)).to.equal(-1);
    expect(() => errorCodeOf('NOPE')).to.throw(RangeError);
  });
});
