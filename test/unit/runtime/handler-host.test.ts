// HandlerHost on the test's thread, reached over in-process links the way processors reach
// it: data-plane ops, per-processor fetch ids, assign/unassign/reconfigure/close, housekeeping.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import type { PartitionSpecLike } from '../../../src/actors/partition/partition-actor';
import { ErrorCode } from '../../../src/protocol/error-codes';
import { HandlerHost } from '../../../src/runtime/handler-host';
import { createLocalLinkPair, type Link } from '../../../src/runtime/link';
import { RpcClient } from '../../../src/runtime/rpc';
import { SamsaError } from '../../../src/runtime/samsa-error';
import { batch, logConfig, rmDir, silentLogger, tempDir, valuesOf } from '../actors/helpers';
import type { LogConfig } from '../../../src/storage/log';

const MB = 1 << 20;

class Clock {
  t = Date.now();
  readonly now = (): number => this.t;
}

describe('runtime/handler-host', () => {
  let root: string;
  let host: HandlerHost;
  let links: Link[];
  let clock: Clock;

  function start(timers = { retentionCheckIntervalMs: 0, flushSchedulerIntervalMs: 0 }): void {
    host = new HandlerHost(0, silentLogger, timers, clock.now);
  }
  function processor(origin: number): RpcClient {
    const [proc, side] = createLocalLinkPair();
    links.push(proc);
    host.attachProcessor(origin, side);
    return new RpcClient(proc);
  }
  function spec(topic: string, partition: number, over: Partial<LogConfig> = {}): PartitionSpecLike {
    return { topic, partition, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', dir: path.join(root, `${topic}-${partition}`), logConfig: logConfig(over) };
  }
  async function produce(rpc: RpcClient, topic: string, partition: number, records: Buffer) {
    const { env } = await rpc.ask({ op: 'produce', parts: [[topic, partition, records.length]] }, records);
    return env.parts[0] as [number, number, number, number, string | null];
  }
  function fetch(rpc: RpcClient, fid: number, topic: string, partition: number, offset: number, maxWaitMs = 60000) {
    return rpc.ask({ op: 'fetch', fid, maxWaitMs, minBytes: 1, maxBytes: MB, parts: [[topic, partition, offset, MB, -1]] });
  }

  beforeEach(() => {
    root = tempDir('samsa-handler-');
    clock = new Clock();
    links = [];
  });
  afterEach(() => {
    host?.close();
    for (const l of links) l.close();
    rmDir(root);
  });

  it('assign opens each partition once; produce and fetch go through the link', async () => {
    start();
    host.assign([spec('t', 0), spec('t', 1)], true);
    host.assign([spec('t', 1)], true);
    expect(host.partitionCount).to.equal(2);
    expect(fs.existsSync(path.join(root, 't-1'))).to.equal(true);
    const rpc = processor(0);
    expect((await produce(rpc, 't', 1, batch(2, 'x'))).slice(0, 2)).to.deep.equal([0, 0]);
    const { env, payload } = await fetch(rpc, 1, 't', 1, 0);
    expect(env.parts[0].slice(0, 3)).to.deep.equal([0, 2, 0]);
    expect(valuesOf(payload)).to.deep.equal(['x:0', 'x:1']);
  });

  it('a fetch parked for one processor is answered by another processor\'s produce', async () => {
    start();
    host.assign([spec('t', 0)], true);
    const p0 = processor(0);
    const p1 = processor(1);
    const events: string[] = [];
    const parked = fetch(p0, 5, 't', 0, 0).then((r) => { events.push('fetch answered'); return r; });
    await new Promise((r) => setImmediate(r));
    expect(events).to.deep.equal([]);
    events.push('produce');
    await produce(p1, 't', 0, batch(1, 'wake'));
    const { payload } = await parked;
    expect(events).to.deep.equal(['produce', 'fetch answered']);
    expect(valuesOf(payload)).to.deep.equal(['wake:0']);
  });

  it('fetchWake is scoped to the processor that sent it', async () => {
    start();
    host.assign([spec('t', 0)], true);
    const p0 = processor(0);
    const p1 = processor(1);
    let answered = false;
    const parked = fetch(p0, 9, 't', 0, 0).then((r) => { answered = true; return r; });
    p1.tell({ op: 'fetchWake', fid: 9 });
    // p1's wake crossed its link and was served; a round trip on p0's link after it proves the order
    await p1.ask({ op: 'logDirs' });
    await p0.ask({ op: 'logDirs' });
    expect(answered).to.equal(false);
    p0.tell({ op: 'fetchWake', fid: 9 });
    const { env } = await parked;
    expect(env.parts[0]).to.deep.equal([0, 0, 0, 0]);
  });

  it('unassign answers parked fetches; deleteFiles removes the directory, otherwise the data stays', async () => {
    start();
    host.assign([spec('gone', 0), spec('kept', 0)], true);
    const rpc = processor(0);
    await produce(rpc, 'kept', 0, batch(3, 'k'));
    const parked = fetch(rpc, 1, 'gone', 0, 0);
    await new Promise((r) => setImmediate(r));
    host.unassign([{ topic: 'gone', partition: 0, deleteFiles: true }, { topic: 'kept', partition: 0, deleteFiles: false }, { topic: 'never', partition: 0, deleteFiles: true }]);
    const { env } = await parked;
    expect(env.parts[0]).to.deep.equal([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1, 0]);
    expect(host.partitionCount).to.equal(0);
    expect(fs.existsSync(path.join(root, 'gone-0'))).to.equal(false);
    expect(fs.existsSync(path.join(root, 'kept-0'))).to.equal(true);
    host.assign([spec('kept', 0)], true);
    const again = await fetch(rpc, 2, 'kept', 0, 0);
    expect(valuesOf(again.payload)).to.deep.equal(['k:0', 'k:1', 'k:2']);
  });

  it('reconfigure changes the live log config', async () => {
    start();
    host.assign([spec('r', 0)], true);
    const rpc = processor(0);
    const big = batch(50, 'big');
    expect((await produce(rpc, 'r', 0, Buffer.from(big)))[0]).to.equal(0);
    host.reconfigure([spec('r', 0, { maxMessageBytes: 100 }), spec('unknown', 0)]);
    expect(host.lookup('r', 0)!.log.config.maxMessageBytes).to.equal(100);
    expect((await produce(rpc, 'r', 0, Buffer.from(big)))[0]).to.equal(ErrorCode.MESSAGE_TOO_LARGE);
  });

  it('serves logDirs, listOffsets, epochEnd and deleteRecords', async () => {
    start();
    host.assign([spec('d', 0)], true);
    const rpc = processor(0);
    await produce(rpc, 'd', 0, batch(4, 'd'));
    const dirs = (await rpc.ask({ op: 'logDirs' })).env.parts;
    expect(dirs).to.have.length(1);
    expect(dirs[0].slice(0, 3)).to.deep.equal(['d', 0, path.join(root, 'd-0')]);
    expect(dirs[0][3]).to.equal(batch(4, 'd').length);
    expect((await rpc.ask({ op: 'listOffsets', parts: [['d', 0, -1, -1]] })).env.parts[0][1]).to.equal(4);
    expect((await rpc.ask({ op: 'epochEnd', parts: [['d', 0, 0, -1]] })).env.parts[0]).to.deep.equal([0, 0, 4]);
    expect((await rpc.ask({ op: 'deleteRecords', parts: [['d', 0, 3]] })).env.parts[0]).to.deep.equal([0, 3]);
  });

  it('an unknown op comes back as a SamsaError', async () => {
    start();
    const rpc = processor(0);
    let err: unknown;
    try { await rpc.ask({ op: 'teleport' }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(SamsaError);
    expect((err as SamsaError).code).to.equal('SAMSA_ERR_INTERNAL');
    expect((err as SamsaError).message).to.contain('teleport');
  });

  it('close answers parked fetches, closes every log and is idempotent', async () => {
    start();
    host.assign([spec('c', 0)], true);
    const rpc = processor(0);
    const parked = fetch(rpc, 1, 'c', 0, 0);
    await new Promise((r) => setImmediate(r));
    const log = host.lookup('c', 0)!.log;
    host.close();
    host.close();
    const { env } = await parked;
    expect(env.parts[0][0]).to.equal(0);
    expect(host.partitionCount).to.equal(0);
    expect(() => log.read(0, 1, true)).to.throw(SamsaError);
  });

  it('closeAsync answers parked fetches, closes every log durably and reports a failed one', async () => {
    start();
    host.assign([spec('d', 0), spec('d', 1), spec('d', 2)], true);
    const rpc = processor(0);
    await produce(rpc, 'd', 0, batch(2, 'x'));
    await produce(rpc, 'd', 2, batch(1, 'y'));
    const parked = fetch(rpc, 1, 'd', 1, 0);
    await new Promise((r) => setImmediate(r));
    const logs = [0, 1, 2].map((p) => host.lookup('d', p)!.log);
    const failing = logs[1];
    const orig = failing.closeAsync.bind(failing);
    failing.closeAsync = async () => { await orig(); throw new Error('disk gone'); };
    expect(await host.closeAsync()).to.equal(false);
    expect(await host.closeAsync()).to.equal(true); // idempotent
    const { env } = await parked;
    expect(env.parts[0][0]).to.equal(0);
    expect(host.partitionCount).to.equal(0);
    for (const l of logs) expect(l.isOpen).to.equal(false);
    expect(fs.readFileSync(path.join(root, 'd-0', 'partition.checkpoint'), 'utf8')).to.contain('recoveryPoint 2');
    expect(fs.readFileSync(path.join(root, 'd-2', 'partition.checkpoint'), 'utf8')).to.contain('recoveryPoint 1');
  });

  it('closeAsync with every partition closing cleanly resolves true', async () => {
    start();
    host.assign([spec('e', 0), spec('e', 1)], true);
    expect(await host.closeAsync()).to.equal(true);
    expect(host.partitionCount).to.equal(0);
  });

  it('housekeeping rolls and applies retention by the injected clock', async () => {
    start({ retentionCheckIntervalMs: 10, flushSchedulerIntervalMs: 0 });
    host.assign([spec('old', 0, { segmentMs: 60_000, retentionMs: 3_600_000 })], true);
    const rpc = processor(0);
    await produce(rpc, 'old', 0, batch(2, 'a'));
    await produce(rpc, 'old', 0, batch(2, 'b'));
    const a = host.lookup('old', 0)!;
    await sleep(30);
    expect(a.log.logStartOffset).to.equal(0);      // nothing is old yet by this clock
    clock.t += 2 * 3_600_000;
    for (let i = 0; i < 200 && a.log.logStartOffset === 0; i++) await sleep(10);
    expect(a.log.logStartOffset).to.equal(4);
    expect(a.log.logEndOffset).to.equal(4);
  });
});

function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }
