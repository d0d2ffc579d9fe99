// The Produce handler on the processor: one ask per owner, each record set preceded by the
// filler that puts it at the same address mod 8 as in the request frame, answers back in
// request order, a lost owner failing only its own parts.
import { expect } from 'chai';
import '../../../src/api/produce';
import { apiFor } from '../../../src/api/registry';
import { NO_RESPONSE, type BrokerServices, type RequestContext } from '../../../src/api/types';
import { ErrorCode } from '../../../src/protocol/error-codes';
import { Placement } from '../../../src/runtime/placement';
import { SamsaError } from '../../../src/runtime/samsa-error';

interface Ask { owner: number; env: any; payload: Buffer[] } // eslint-disable-line @typescript-eslint/no-explicit-any

function services(handlers: number, lost: number[] = []): { svc: BrokerServices; asks: Ask[] } {
  const asks: Ask[] = [];
  const topics = new Map([['t', { partitions: [0, 1, 2, 3].map((partition) => ({ partition, logDir: '/x' })) }]]);
  const svc = {
    placement: new Placement(handlers),
    catalog: () => ({ get: (name: string) => topics.get(name) }),
    owner: (owner: number) => ({
      ask: async (env: any, payload: Buffer[]) => { // eslint-disable-line @typescript-eslint/no-explicit-any
        asks.push({ owner, env: { ...env, parts: env.parts.map((p: unknown[]) => [...p]) }, payload });
        if (lost.includes(owner)) throw new SamsaError('SAMSA_ERR_WORKER_LOST', 'gone');
        return { env: { parts: env.parts.map(([, partition]: [string, number]) => [0, partition * 100, -1, 0, null]) }, payload: null };
      },
    }),
  } as unknown as BrokerServices;
  return { svc, asks };
}

/** Record sets at chosen addresses mod 8 inside one "request frame". */
function recordsAt(offsets: number[], len = 37): Buffer[] {
  const frame = Buffer.alloc(offsets.reduce((n, o) => n + o + len + 8, 64));
  let pos = 8; // frames from the socket start 8-aligned here
  return offsets.map((mod, i) => {
    pos = pos - (pos & 7) + 8 + mod;
    const b = frame.subarray(pos, pos + len).fill(i + 1);
    pos += len;
    return b;
  });
}

async function produce(svc: BrokerServices, acks: number, records: Buffer[], partitions: number[], topic = 't') {
  const ctx = { header: { apiKey: 0, apiVersion: 9, correlationId: 1, clientId: 'c' }, conn: { id: 1, remote: 'x' }, services: svc } as RequestContext;
  const req = { transactionalId: null, acks, timeoutMs: 1000, topicData: [{ name: topic, partitionData: partitions.map((index, i) => ({ index, records: records[i] })) }] };
  return apiFor(0)!.handle(ctx, req) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Walks one ask's payload by its tuples: every record set must be where the pads say, at its source address mod 8. */
function checkPayload(ask: Ask, records: Buffer[], partitions: number[]): number[] {
  const joined = Buffer.concat(ask.payload);
  let pos = 0; // the payload starts 8-aligned in the ring
  const pads: number[] = [];
  ask.env.parts.forEach(([topic, partition, len, pad]: [string, number, number, number], i: number) => {
    const src = records[partitions.indexOf(partition)];
    expect([topic, len]).to.deep.equal(['t', src.length]);
    expect(pad).to.be.at.least(0);
    pads.push(pad);
    pos += pad;
    expect(pos % 8, `part ${i}`).to.equal(src.byteOffset % 8);
    expect(joined.subarray(pos, pos + len).equals(src)).to.equal(true);
    pos += len;
  });
  expect(pos).to.equal(joined.length);
  return pads;
}

describe('api/produce', () => {
  it('with one owner, sends the stretch of the frame that holds the record sets, from an 8-aligned start', async () => {
    const { svc, asks } = services(1);
    const records = recordsAt([3, 0, 7, 5]);
    const res = await produce(svc, 1, records, [0, 1, 2, 3]);
    expect(asks).to.have.length(1);
    expect(asks[0].env.op).to.equal('produce');
    expect(asks[0].env.acks).to.equal(1);
    expect(asks[0].payload).to.have.length(1); // one copy into the ring; none over an in-process link
    expect(asks[0].payload[0].buffer).to.equal(records[0].buffer);
    expect(asks[0].payload[0].byteOffset % 8).to.equal(0);
    checkPayload(asks[0], records, [0, 1, 2, 3]);
    expect(res.responses[0].partitionResponses.map((p: { index: number; baseOffset: number }) => [p.index, p.baseOffset]))
      .to.deep.equal([[0, 0], [1, 100], [2, 200], [3, 300]]);
  });

  it('with record sets of other owners in between, sends separate parts, each at its source address mod 8', async () => {
    const { svc, asks } = services(2);
    const records = recordsAt([3, 0, 7, 5], 300);
    await produce(svc, 1, records, [0, 1, 2, 3]);
    expect(asks).to.have.length(2);
    for (const a of asks) {
      const mine = [0, 1, 2, 3].filter((p) => svc.placement.ownerOf('t', p) === a.owner);
      const pads = checkPayload(a, records, [0, 1, 2, 3]);
      expect(a.payload).to.have.length(mine.length);
      for (const pad of pads) expect(pad).to.be.within(0, 7);
    }
  });

  it('asks each owner once; a lost owner fails only its parts; bad parts are answered without asking', async () => {
    const { svc, asks } = services(2, [1]);
    const owner0 = [0, 1, 2, 3].filter((p) => svc.placement.ownerOf('t', p) === 0);
    const records = recordsAt([1, 2, 3, 4, 5]);
    const res = await produce(svc, -1, records, [0, 1, 2, 3, 9]);
    expect(asks.map((a) => a.owner).sort()).to.deep.equal([0, 1]);
    const codes = res.responses[0].partitionResponses.map((p: { index: number; errorCode: number }) => [p.index, p.errorCode]);
    expect(codes).to.deep.equal([0, 1, 2, 3].map((p) => [p, owner0.includes(p) ? 0 : ErrorCode.NOT_LEADER_OR_FOLLOWER])
      .concat([[9, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]));
  });

  it('answers unknown topics and empty record sets itself, and nothing at all for acks=0', async () => {
    const { svc, asks } = services(1);
    const res = await produce(svc, 1, [Buffer.alloc(0)], [0]);
    expect(res.responses[0].partitionResponses[0].errorCode).to.equal(ErrorCode.CORRUPT_MESSAGE);
    const unknown = await produce(svc, 1, recordsAt([0]), [0], 'nope');
    expect(unknown.responses[0].partitionResponses[0].errorCode).to.equal(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(asks).to.have.length(0);
    expect(await produce(svc, 0, recordsAt([2]), [1])).to.equal(NO_RESPONSE);
    expect(asks).to.have.length(1);
  });
});
